
'use strict';
{
  const globals = this;
  const django = globals.django || (globals.django = {});

  
  django.pluralidx = function(n) {
    const v = (n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;
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
      "%(count)s nouveau billet depuis votre derni\u00e8re visite.",
      "%(count)s de nouveaux billets depuis votre derni\u00e8re visite.",
      "%(count)s nouveaux billets depuis votre derni\u00e8re visite."
    ],
    "%(month)s %(day)s, %(year)s": "%(day)s %(month)s %(year)s",
    "%(name)s \u00b7 %(size)s MB": "%(name)s \u00b7 %(size)s Mo",
    "%(name)s: %(size)s MB is over the 20 MB limit.": "%(name)s : %(size)s Mo d\u00e9passe la limite de 20 Mo.",
    "%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF).": "%(name)s : pas une photo que nous publions (JPEG, PNG, WebP ou GIF).",
    "%(names)s and %(last)s": "%(names)s et %(last)s",
    "%(sel)s of %(cnt)s selected": [
      "%(sel)s sur %(cnt)s s\u00e9lectionn\u00e9",
      "%(sel)s sur %(cnt)s s\u00e9lectionn\u00e9s",
      "%(sel)s sur %(cnt)s s\u00e9lectionn\u00e9s"
    ],
    "%(who)s is editing this post": [
      "%(who)s modifie ce billet",
      "%(who)s modifient ce billet",
      "%(who)s modifient ce billet"
    ],
    "%s (current selection)": "%s (s\u00e9lection actuelle)",
    "%s (today)": "%s (aujourd'hui)",
    "%s (today, current selection)": "%s (aujourd'hui, s\u00e9lection actuelle)",
    "%s selected option not visible": [
      "%s option s\u00e9lectionn\u00e9e invisible",
      "%s options s\u00e9lectionn\u00e9es invisibles",
      "%s options s\u00e9lectionn\u00e9es invisibles"
    ],
    "(click to clear)": "(cliquer pour effacer)",
    "(no preview)": "(pas d\u2019aper\u00e7u)",
    "6 a.m.": "6:00",
    "6 p.m.": "18:00",
    "A pasted file": "Un fichier coll\u00e9",
    "Alt text (describe it for readers who cannot see it)": "Texte alternatif (d\u00e9crivez-la pour les lecteurs qui ne peuvent pas la voir)",
    "April": "Avril",
    "August": "Ao\u00fbt",
    "Available %s": "%s disponible(s)",
    "Back online. You are up to date.": "Connexion r\u00e9tablie. Vous \u00eates \u00e0 jour.",
    "Cancel": "Annuler",
    "Caption": "L\u00e9gende",
    "Choose": "Choose",
    "Choose %s by selecting them and then select the \"Choose\" arrow button.": "Choisissez %s en les s\u00e9lectionnant puis cliquez sur le bouton fl\u00e8che \u00ab\u00a0Choisir\u00a0\u00bb.",
    "Choose a Date": "Choisir une date",
    "Choose a Time": "Choisir une heure",
    "Choose a time": "Choisir une heure",
    "Choose all": "Choose all",
    "Choose all %s": "Choisir toutes les valeurs \u00ab\u00a0%s\u00a0\u00bb",
    "Choose selected %s": "Choisir les valeurs \u00ab\u00a0%s\u00a0\u00bb s\u00e9lectionn\u00e9es",
    "Chosen %s": "Choix des \u00ab\u00a0%s\u00a0\u00bb",
    "Click to choose all %s at once.": "Click to choose all %s at once.",
    "Click to remove all chosen %s at once.": "Click to remove all chosen %s at once.",
    "Close": "Fermer",
    "Connection lost. Reconnecting\u2026": "Connexion perdue. Reconnexion\u2026",
    "Coverage has ended.": "Le direct est termin\u00e9.",
    "Coverage is live again.": "Le direct a repris.",
    "Coverage is paused.": "Le direct est en pause.",
    "December": "D\u00e9cembre",
    "February": "F\u00e9vrier",
    "Filter": "Filtrer",
    "Friday": "vendredi",
    "Hide": "Hide",
    "January": "Janvier",
    "July": "Juillet",
    "Jump to where you left off": "Reprendre l\u00e0 o\u00f9 vous en \u00e9tiez",
    "June": "Juin",
    "Just now": "\u00c0 l\u2019instant",
    "Key event": "Moment cl\u00e9",
    "Link copied": "Lien copi\u00e9",
    "Link to (https://\u2026). Leave empty to remove the link.": "Lien vers (https://\u2026). Laissez vide pour retirer le lien.",
    "March": "Mars",
    "May": "Mai",
    "Midnight": "Minuit",
    "Monday": "lundi",
    "Move earlier": "Avancer",
    "Move later": "Reculer",
    "New post: %(title)s": "Nouveau billet : %(title)s",
    "Next (%(month)s %(year)s)": "Suivant (%(month)s %(year)s)",
    "Next picture": "Photo suivante",
    "No connection: nothing was sent. Your text is kept; try again.": "Pas de connexion : rien n\u2019a \u00e9t\u00e9 envoy\u00e9. Votre texte est conserv\u00e9 ; r\u00e9essayez.",
    "Noon": "Midi",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)": [
      "Note\u00a0: saisissez les heures dans le fuseau horaire %(timezone)s (vous \u00eates en avance de %(offset)s heure).",
      "Note\u00a0: saisissez les heures dans le fuseau horaire %(timezone)s (vous \u00eates en avance de %(offset)s heures).",
      "Note\u00a0: saisissez les heures dans le fuseau horaire %(timezone)s (vous \u00eates en avance de %(offset)s heures)."
    ],
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)": [
      "Note\u00a0: saisissez les heures dans le fuseau horaire %(timezone)s (vous \u00eates en retard de %(offset)s heure).",
      "Note\u00a0: saisissez les heures dans le fuseau horaire %(timezone)s (vous \u00eates en retard de %(offset)s heures).",
      "Note\u00a0: saisissez les heures dans le fuseau horaire %(timezone)s (vous \u00eates en retard de %(offset)s heures)."
    ],
    "November": "Novembre",
    "Now": "Maintenant",
    "October": "Octobre",
    "Pause live updates": "Suspendre les mises \u00e0 jour",
    "Photographer / credit": "Photographe / cr\u00e9dit",
    "Picture": "Photo",
    "Picture %(number)s": "Photo %(number)s",
    "Pictures uploaded.": "Photos envoy\u00e9es.",
    "Previous (%(month)s %(year)s)": "Pr\u00e9c\u00e9dent (%(month)s %(year)s)",
    "Previous picture": "Photo pr\u00e9c\u00e9dente",
    "Remove": "Retirer",
    "Remove %s by selecting them and then select the \"Remove\" arrow button.": "Enlevez les valeurs \u00ab\u00a0%s\u00a0\u00bb en les s\u00e9lectionnant puis en cliquant sur le bouton fl\u00e8che \u00ab\u00a0Enlever\u00a0\u00bb.",
    "Remove all": "Remove all",
    "Remove all %s": "Enlever toutes les valeurs \u00ab\u00a0%s\u00a0\u00bb",
    "Remove selected %s": "Enlever les valeurs \u00ab\u00a0%s\u00a0\u00bb s\u00e9lectionn\u00e9es",
    "Resume live updates": "Reprendre les mises \u00e0 jour",
    "Resume live updates (%(count)s waiting)": [
      "Reprendre les mises \u00e0 jour (%(count)s en attente)",
      "Reprendre les mises \u00e0 jour (%(count)s en attente)",
      "Reprendre les mises \u00e0 jour (%(count)s en attente)"
    ],
    "Saturday": "samedi",
    "September": "Septembre",
    "Share": "Partager",
    "Show": "Show",
    "Show %(count)s new post": [
      "Afficher %(count)s nouveau billet",
      "Afficher %(count)s de nouveaux billets",
      "Afficher %(count)s nouveaux billets"
    ],
    "Sunday": "dimanche",
    "That did not work, and nothing was saved. Try again.": "Cela n\u2019a pas fonctionn\u00e9, et rien n\u2019a \u00e9t\u00e9 enregistr\u00e9. R\u00e9essayez.",
    "This is the list of available %s. You may choose some by selecting them in the box below and then clicking the \"Choose\" arrow between the two boxes.": "This is the list of available %s. You may choose some by selecting them in the box below and then clicking the \"Choose\" arrow between the two boxes.",
    "This is the list of chosen %s. You may remove some by selecting them in the box below and then clicking the \"Remove\" arrow between the two boxes.": "This is the list of chosen %s. You may remove some by selecting them in the box below and then clicking the \"Remove\" arrow between the two boxes.",
    "Thursday": "jeudi",
    "Today": "Aujourd'hui",
    "Today (%(date)s)": "Aujourd'hui (%(date)s)",
    "Tomorrow": "Demain",
    "Tomorrow (%(date)s)": "Demain (%(date)s)",
    "Tuesday": "mardi",
    "Type into this box to filter down the list of available %s.": "\u00c9crivez dans cette zone pour filtrer la liste des \u00ab\u00a0%s\u00a0\u00bb disponibles.",
    "Type into this box to filter down the list of selected %s.": "\u00c9crivez dans cette zone pour filtrer la liste des \u00ab\u00a0%s\u00a0\u00bb s\u00e9lectionn\u00e9\u00b7e\u00b7s.",
    "Uploading pictures: %(percent)s%": "Envoi des photos : %(percent)s %",
    "Wednesday": "mercredi",
    "Yesterday": "Hier",
    "Yesterday (%(date)s)": "Hier (%(date)s)",
    "You have selected an action, and you haven't made any changes on individual fields. You're probably looking for the Go button rather than the Save button.": "You have selected an action, and you haven't made any changes on individual fields. You're probably looking for the Go button rather than the Save button.",
    "You have selected an action, and you haven\u2019t made any changes on individual fields. You\u2019re probably looking for the Run button rather than the Save button.": "Vous avez s\u00e9lectionn\u00e9 une action, et vous n'avez fait aucune modification sur des champs. Vous cherchez probablement le bouton Ex\u00e9cuter et non le bouton Enregistrer.",
    "You have selected an action, but you haven't saved your changes to individual fields yet. Please click OK to save. You'll need to re-run the action.": "You have selected an action, but you haven't saved your changes to individual fields yet. Please click OK to save. You'll need to re-run the action.",
    "You have selected an action, but you haven\u2019t saved your changes to individual fields yet. Please click OK to save. You\u2019ll need to re-run the action.": "Vous avez s\u00e9lectionn\u00e9 une action, mais vous n'avez pas encore enregistr\u00e9 certains champs modifi\u00e9s. Cliquez sur OK pour enregistrer. Vous devrez r\u00e9appliquer l'action.",
    "You have unsaved changes on individual editable fields. If you run an action, your unsaved changes will be lost.": "Vous avez des modifications non sauvegard\u00e9es sur certains champs \u00e9ditables. Si vous lancez une action, ces modifications vont \u00eatre perdues.",
    "abbrev. day Friday\u0004Fri": "ven",
    "abbrev. day Monday\u0004Mon": "lun",
    "abbrev. day Saturday\u0004Sat": "sam",
    "abbrev. day Sunday\u0004Sun": "dim",
    "abbrev. day Thursday\u0004Thur": "jeu",
    "abbrev. day Tuesday\u0004Tue": "mar",
    "abbrev. day Wednesday\u0004Wed": "mer",
    "abbrev. month April\u0004Apr": "avr",
    "abbrev. month August\u0004Aug": "ao\u00fb",
    "abbrev. month December\u0004Dec": "d\u00e9c",
    "abbrev. month February\u0004Feb": "f\u00e9v",
    "abbrev. month January\u0004Jan": "jan",
    "abbrev. month July\u0004Jul": "jui",
    "abbrev. month June\u0004Jun": "jun",
    "abbrev. month March\u0004Mar": "mar",
    "abbrev. month May\u0004May": "mai",
    "abbrev. month November\u0004Nov": "nov",
    "abbrev. month October\u0004Oct": "oct",
    "abbrev. month September\u0004Sep": "sep",
    "kept with your draft": "conserv\u00e9e avec votre brouillon",
    "not kept: it stays only while this page is open": "non conserv\u00e9e : elle reste seulement tant que cette page est ouverte",
    "one letter Friday\u0004F": "V",
    "one letter Monday\u0004M": "L",
    "one letter Saturday\u0004S": "S",
    "one letter Sunday\u0004S": "D",
    "one letter Thursday\u0004T": "J",
    "one letter Tuesday\u0004T": "M",
    "one letter Wednesday\u0004W": "M",
    "pasted picture": "photo coll\u00e9e",
    "server": "serveur",
    "update": "mise \u00e0 jour"
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
    "DATETIME_FORMAT": "j F Y H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d/%m/%Y %H:%M:%S",
      "%d/%m/%Y %H:%M:%S.%f",
      "%d/%m/%Y %H:%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j F Y",
    "DATE_INPUT_FORMATS": [
      "%d/%m/%Y",
      "%d/%m/%y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j F",
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
    "YEAR_MONTH_FORMAT": "F Y"
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

