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
    "Back online. You are up to date.": "Conexión restablecida. Estás al día.",
    "Close": "Cerrar",
    "Connection lost. Reconnecting…": "Se perdió la conexión. Reconectando…",
    "Coverage has ended.": "La cobertura ha terminado.",
    "Coverage is live again.": "La cobertura vuelve a estar en directo.",
    "Coverage is paused.": "La cobertura está en pausa.",
    "Jump to where you left off": "Ir a donde lo dejaste",
    "Just now": "Ahora mismo",
    "Key event": "Momento clave",
    "Link copied": "Enlace copiado",
    "New post: %(title)s": "Nueva entrada: %(title)s",
    "Next picture": "Foto siguiente",
    "Pause live updates": "Pausar las actualizaciones",
    "Picture": "Foto",
    "Previous picture": "Foto anterior",
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
