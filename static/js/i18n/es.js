
'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;
    if (typeof v === 'boolean') {
      return v ? 1 : 0;
    } else {
      return v;
    }
  };
  

  /* gettext library */

  django.catalog = django.catalog || {};
  
  const newcatalog = {
    "%(count)s new post since your last visit.": [
      "%(count)s entrada nueva desde tu \u00faltima visita.",
      "%(count)s de entradas nuevas desde tu \u00faltima visita.",
      "%(count)s entradas nuevas desde tu \u00faltima visita."
    ],
    "%(name)s \u00b7 %(size)s MB": "%(name)s \u00b7 %(size)s MB",
    "%(name)s: %(size)s MB is over the 20 MB limit.": "%(name)s: %(size)s MB supera el l\u00edmite de 20 MB.",
    "%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF).": "%(name)s: no es una foto que publiquemos (JPEG, PNG, WebP o GIF).",
    "%(names)s and %(last)s": "%(names)s y %(last)s",
    "%(sel)s of %(cnt)s selected": [
      "%(sel)s de %(cnt)s seleccionado",
      "%(sel)s de  %(cnt)s seleccionados",
      "%(sel)s de  %(cnt)s seleccionados"
    ],
    "%(who)s is editing this post": [
      "%(who)s est\u00e1 editando esta entrada",
      "%(who)s est\u00e1n editando esta entrada",
      "%(who)s est\u00e1n editando esta entrada"
    ],
    "%s selected option not visible": [
      "%s opci\u00f3n seleccionada no visible",
      "%s opciones seleccionadas no visibles",
      "%s opciones seleccionadas no visibles"
    ],
    "(click to clear)": "(click para limpiar)",
    "(no preview)": "(sin vista previa)",
    "6 a.m.": "6 a.m.",
    "6 p.m.": "6 p.m.",
    "A pasted file": "Un archivo pegado",
    "Alt text (describe it for readers who cannot see it)": "Texto alternativo (descr\u00edbela para los lectores que no pueden verla)",
    "April": "Abril",
    "August": "Agosto",
    "Available %s": "%s Disponibles",
    "Back online. You are up to date.": "Conexi\u00f3n restablecida. Est\u00e1s al d\u00eda.",
    "Cancel": "Cancelar",
    "Caption": "Pie de foto",
    "Choose": "Choose",
    "Choose %s by selecting them and then select the \"Choose\" arrow button.": "Elija %s seleccion\u00e1ndolos y luego use el bot\u00f3n \"Elegir\".",
    "Choose a Date": "Elija una Fecha",
    "Choose a Time": "Elija una Hora",
    "Choose a time": "Elija una hora",
    "Choose all": "Choose all",
    "Choose all %s": "Seleccionar todos %s",
    "Choose selected %s": "Elegir %s seleccionados",
    "Chosen %s": "%s elegidos",
    "Click to choose all %s at once.": "Click to choose all %s at once.",
    "Click to remove all chosen %s at once.": "Click to remove all chosen %s at once.",
    "Close": "Cerrar",
    "Connection lost. Reconnecting\u2026": "Se perdi\u00f3 la conexi\u00f3n. Reconectando\u2026",
    "Coverage has ended.": "La cobertura ha terminado.",
    "Coverage is live again.": "La cobertura vuelve a estar en directo.",
    "Coverage is paused.": "La cobertura est\u00e1 en pausa.",
    "December": "Diciembre",
    "February": "Febrero",
    "Filter": "Filtro",
    "Friday": "Viernes",
    "Hide": "Hide",
    "January": "Enero",
    "July": "Julio",
    "Jump to where you left off": "Ir a donde lo dejaste",
    "June": "Junio",
    "Just now": "Ahora mismo",
    "Key event": "Momento clave",
    "Link copied": "Enlace copiado",
    "Link to (https://\u2026). Leave empty to remove the link.": "Enlace a (https://\u2026). D\u00e9jalo vac\u00edo para quitar el enlace.",
    "March": "Marzo",
    "May": "Mayo",
    "Midnight": "Medianoche",
    "Monday": "Lunes",
    "Move earlier": "Mover antes",
    "Move later": "Mover despu\u00e9s",
    "New post: %(title)s": "Nueva entrada: %(title)s",
    "Next picture": "Foto siguiente",
    "No connection: nothing was sent. Your text is kept; try again.": "Sin conexi\u00f3n: no se ha enviado nada. Tu texto se conserva; vuelve a intentarlo.",
    "Noon": "Mediod\u00eda",
    "Note: You are %s hour ahead of server time.": [
      "Nota: Usted esta a %s horas por delante de la hora del servidor.",
      "Nota: Usted va %s horas por delante de la hora del servidor.",
      "Nota: Usted va %s horas por delante de la hora del servidor."
    ],
    "Note: You are %s hour behind server time.": [
      "Nota: Usted esta a %s hora de retraso de tiempo de servidor.",
      "Nota: Usted va %s horas por detr\u00e1s de la hora del servidor.",
      "Nota: Usted va %s horas por detr\u00e1s de la hora del servidor."
    ],
    "November": "Noviembre",
    "Now": "Ahora",
    "October": "Octubre",
    "Pause live updates": "Pausar las actualizaciones",
    "Photographer / credit": "Fot\u00f3grafo / cr\u00e9dito",
    "Picture": "Foto",
    "Picture %(number)s": "Foto %(number)s",
    "Pictures uploaded.": "Fotos subidas.",
    "Previous picture": "Foto anterior",
    "Remove": "Quitar",
    "Remove %s by selecting them and then select the \"Remove\" arrow button.": "Eliminar %s seleccion\u00e1ndolos y luego use el bot\u00f3n \"Eliminar\".",
    "Remove all": "Remove all",
    "Remove all %s": "Eliminar todos %s",
    "Remove selected %s": "Eliminar %s seleccionados",
    "Resume live updates": "Reanudar las actualizaciones",
    "Resume live updates (%(count)s waiting)": [
      "Reanudar las actualizaciones (%(count)s pendiente)",
      "Reanudar las actualizaciones (%(count)s de pendientes)",
      "Reanudar las actualizaciones (%(count)s pendientes)"
    ],
    "Saturday": "S\u00e1bado",
    "September": "Septiembre",
    "Share": "Compartir",
    "Show": "Show",
    "Show %(count)s new post": [
      "Ver %(count)s entrada nueva",
      "Ver %(count)s de entradas nuevas",
      "Ver %(count)s entradas nuevas"
    ],
    "Sunday": "Domingo",
    "That did not work, and nothing was saved. Try again.": "No ha funcionado y no se ha guardado nada. Vuelve a intentarlo.",
    "This is the list of available %s. You may choose some by selecting them in the box below and then clicking the \"Choose\" arrow between the two boxes.": "This is the list of available %s. You may choose some by selecting them in the box below and then clicking the \"Choose\" arrow between the two boxes.",
    "This is the list of chosen %s. You may remove some by selecting them in the box below and then clicking the \"Remove\" arrow between the two boxes.": "This is the list of chosen %s. You may remove some by selecting them in the box below and then clicking the \"Remove\" arrow between the two boxes.",
    "Thursday": "Jueves",
    "Today": "Hoy",
    "Tomorrow": "Ma\u00f1ana",
    "Tuesday": "Martes",
    "Type into this box to filter down the list of available %s.": "Escriba en este cuadro para filtrar la lista de %s disponibles",
    "Type into this box to filter down the list of selected %s.": "Escriba en este cuadro para filtrar la lista de %s seleccionados.",
    "Uploading pictures: %(percent)s%": "Subiendo fotos: %(percent)s %",
    "Wednesday": "Mi\u00e9rcoles",
    "Yesterday": "Ayer",
    "You have selected an action, and you haven't made any changes on individual fields. You're probably looking for the Go button rather than the Save button.": "You have selected an action, and you haven't made any changes on individual fields. You're probably looking for the Go button rather than the Save button.",
    "You have selected an action, and you haven\u2019t made any changes on individual fields. You\u2019re probably looking for the Go button rather than the Save button.": "Ha seleccionado una acci\u00f3n y no ha realizado ning\u00fan cambio en campos individuales. Probablemente est\u00e9 buscando el bot\u00f3n 'Ir' en lugar del bot\u00f3n 'Guardar'.",
    "You have selected an action, but you haven't saved your changes to individual fields yet. Please click OK to save. You'll need to re-run the action.": "You have selected an action, but you haven't saved your changes to individual fields yet. Please click OK to save. You'll need to re-run the action.",
    "You have selected an action, but you haven\u2019t saved your changes to individual fields yet. Please click OK to save. You\u2019ll need to re-run the action.": "Ha seleccionado una acci\u00f3n, pero a\u00fan no ha guardado los cambios en los campos individuales. Haga clic en Aceptar para guardar. Deber\u00e1 volver a ejecutar la acci\u00f3n.",
    "You have unsaved changes on individual editable fields. If you run an action, your unsaved changes will be lost.": "Tiene cambios sin guardar en campos editables individuales. Si ejecuta una acci\u00f3n, los cambios no guardados se perder\u00e1n.",
    "abbrev. day Friday\u0004Fri": "Vie",
    "abbrev. day Monday\u0004Mon": "Lun",
    "abbrev. day Saturday\u0004Sat": "S\u00e1b",
    "abbrev. day Sunday\u0004Sun": "Dom",
    "abbrev. day Thursday\u0004Thur": "Jue",
    "abbrev. day Tuesday\u0004Tue": "Mar",
    "abbrev. day Wednesday\u0004Wed": "Mie",
    "abbrev. month April\u0004Apr": "Abr",
    "abbrev. month August\u0004Aug": "Ago",
    "abbrev. month December\u0004Dec": "Dic",
    "abbrev. month February\u0004Feb": "Feb",
    "abbrev. month January\u0004Jan": "Ene",
    "abbrev. month July\u0004Jul": "Jul",
    "abbrev. month June\u0004Jun": "Jun",
    "abbrev. month March\u0004Mar": "Mar",
    "abbrev. month May\u0004May": "May",
    "abbrev. month November\u0004Nov": "Nov",
    "abbrev. month October\u0004Oct": "Oct",
    "abbrev. month September\u0004Sep": "Sep",
    "kept with your draft": "guardada con su borrador",
    "not kept: it stays only while this page is open": "no guardada: solo permanece mientras esta p\u00e1gina est\u00e9 abierta",
    "one letter Friday\u0004F": "V",
    "one letter Monday\u0004M": "L",
    "one letter Saturday\u0004S": "S",
    "one letter Sunday\u0004S": "D",
    "one letter Thursday\u0004T": "J",
    "one letter Tuesday\u0004T": "M",
    "one letter Wednesday\u0004W": "M",
    "pasted picture": "foto pegada",
    "update": "actualizaci\u00f3n"
  };
  for (const key in newcatalog) {
    django.catalog[key] = newcatalog[key];
  }
  

  if (!django.jsi18n_initialized) {
    django.gettext = function(msgid) {
      const value = django.catalog[msgid];
      if (typeof value === 'undefined') {
        return msgid;
      } else {
        return (typeof value === 'string') ? value : value[0];
      }
    };

    django.ngettext = function(singular, plural, count) {
      const value = django.catalog[singular];
      if (typeof value === 'undefined') {
        return (count == 1) ? singular : plural;
      } else {
        return value.constructor === Array ? value[django.pluralidx(count)] : value;
      }
    };

    django.gettext_noop = function(msgid) { return msgid; };

    django.pgettext = function(context, msgid) {
      let value = django.gettext(context + '\x04' + msgid);
      if (value.includes('\x04')) {
        value = msgid;
      }
      return value;
    };

    django.npgettext = function(context, singular, plural, count) {
      let value = django.ngettext(context + '\x04' + singular, context + '\x04' + plural, count);
      if (value.includes('\x04')) {
        value = django.ngettext(singular, plural, count);
      }
      return value;
    };

    django.interpolate = function(fmt, obj, named) {
      if (named) {
        return fmt.replace(/%\(\w+\)s/g, function(match){return String(obj[match.slice(2,-2)])});
      } else {
        return fmt.replace(/%s/g, function(match){return String(obj.shift())});
      }
    };


    /* formatting library */

    django.formats = {
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
    "THOUSAND_SEPARATOR": "\u00a0",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F \\d\\e Y"
  };

    django.get_format = function(format_type) {
      const value = django.formats[format_type];
      if (typeof value === 'undefined') {
        return format_type;
      } else {
        return value;
      }
    };

    /* add to global namespace */
    globals.pluralidx = django.pluralidx;
    globals.gettext = django.gettext;
    globals.ngettext = django.ngettext;
    globals.gettext_noop = django.gettext_noop;
    globals.pgettext = django.pgettext;
    globals.npgettext = django.npgettext;
    globals.interpolate = django.interpolate;
    globals.get_format = django.get_format;

    django.jsi18n_initialized = true;
  }
};

