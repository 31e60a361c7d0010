// The es words, plural rule and formats of the scripts, read by runtime.js beside this file.
// Made by `manage.py script_catalogues` from locale/es/LC_MESSAGES/djangojs.po: do not edit.
"use strict";
(globalThis.django || (globalThis.django = {})).locale = {
  language: "es",
  pluralidx: (n) => Number(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2),
  catalog: {
    "%(count)s new post since your last visit.": [
      "%(count)s entrada nueva desde tu última visita.",
      "%(count)s de entradas nuevas desde tu última visita.",
      "%(count)s entradas nuevas desde tu última visita."
    ],
    "%(index)s of %(count)s": "%(index)s de %(count)s",
    "%(name)s · %(size)s MB": "%(name)s · %(size)s MB",
    "%(name)s: %(size)s MB is over the 20 MB limit.": "%(name)s: %(size)s MB supera el límite de 20 MB.",
    "%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF).": "%(name)s: no es una foto que publiquemos (JPEG, PNG, WebP o GIF).",
    "%(names)s and %(last)s": "%(names)s y %(last)s",
    "%(who)s is editing this post": [
      "%(who)s está editando esta entrada",
      "%(who)s están editando esta entrada",
      "%(who)s están editando esta entrada"
    ],
    "(no preview)": "(sin vista previa)",
    "A pasted file": "Un archivo pegado",
    "Alt text (describe it for readers who cannot see it)": "Texto alternativo (descríbela para los lectores que no pueden verla)",
    "Back online. You are up to date.": "Conexión restablecida. Estás al día.",
    "Caption": "Pie de foto",
    "Close": "Cerrar",
    "Connection lost. Reconnecting…": "Se perdió la conexión. Reconectando…",
    "Coverage has ended.": "La cobertura ha terminado.",
    "Coverage is live again.": "La cobertura vuelve a estar en directo.",
    "Coverage is paused.": "La cobertura está en pausa.",
    "Jump to where you left off": "Ir a donde lo dejaste",
    "Just now": "Ahora mismo",
    "Key event": "Momento clave",
    "Link copied": "Enlace copiado",
    "Link to (https://…). Leave empty to remove the link.": "Enlace a (https://…). Déjalo vacío para quitar el enlace.",
    "Move earlier": "Mover antes",
    "Move later": "Mover después",
    "New post: %(title)s": "Nueva entrada: %(title)s",
    "Next picture": "Foto siguiente",
    "No connection: nothing was sent. Your text is kept; try again.": "Sin conexión: no se ha enviado nada. Tu texto se conserva; vuelve a intentarlo.",
    "Pause live updates": "Pausar las actualizaciones",
    "Photographer / credit": "Fotógrafo / crédito",
    "Picture": "Foto",
    "Picture %(number)s": "Foto %(number)s",
    "Pictures uploaded.": "Fotos subidas.",
    "Previous picture": "Foto anterior",
    "Remove": "Quitar",
    "Resume live updates": "Reanudar las actualizaciones",
    "Resume live updates (%(count)s waiting)": [
      "Reanudar las actualizaciones (%(count)s pendiente)",
      "Reanudar las actualizaciones (%(count)s de pendientes)",
      "Reanudar las actualizaciones (%(count)s pendientes)"
    ],
    "Share": "Compartir",
    "Show %(count)s new post": [
      "Ver %(count)s entrada nueva",
      "Ver %(count)s de entradas nuevas",
      "Ver %(count)s entradas nuevas"
    ],
    "That did not work, and nothing was saved. Try again.": "No ha funcionado y no se ha guardado nada. Vuelve a intentarlo.",
    "Uploading pictures: %(percent)s%": "Subiendo fotos: %(percent)s %",
    "kept with your draft": "guardada con su borrador",
    "not kept: it stays only while this page is open": "no guardada: solo permanece mientras esta página esté abierta",
    "pasted picture": "foto pegada",
    "update": "actualización"
  },
  formats: {
    "DATETIME_FORMAT": "j \\d\\e F \\d\\e Y \\a \\l\\a\\s H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d/%m/%Y %H:%M:%S",
      "%d/%m/%Y %H:%M:%S.%f",
      "%d/%m/%Y %H:%M",
      "%d/%m/%y %H:%M:%S",
      "%d/%m/%y %H:%M:%S.%f",
      "%d/%m/%y %H:%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j \\d\\e F \\d\\e Y",
    "DATE_INPUT_FORMATS": [
      "%d/%m/%Y",
      "%d/%m/%y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j \\d\\e F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "d/m/Y H:i",
    "SHORT_DATE_FORMAT": "d/m/Y",
    "THOUSAND_SEPARATOR": " ",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F \\d\\e Y"
  },
};
