// The de words, plural rule and formats of the scripts, read by runtime.js beside this file.
// Made by `manage.py script_catalogues` from locale/de/LC_MESSAGES/djangojs.po: do not edit.
"use strict";
(globalThis.django || (globalThis.django = {})).locale = {
  language: "de",
  pluralidx: (n) => Number((n != 1)),
  catalog: {
    "%(count)s new post since your last visit.": [
      "%(count)s neuer Beitrag seit Ihrem letzten Besuch.",
      "%(count)s neue Beiträge seit Ihrem letzten Besuch."
    ],
    "%(index)s of %(count)s": "%(index)s von %(count)s",
    "%(name)s · %(size)s MB": "%(name)s · %(size)s MB",
    "%(name)s: %(size)s MB is over the 20 MB limit.": "%(name)s: %(size)s MB liegt über der Grenze von 20 MB.",
    "%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF).": "%(name)s: kein Bild, das wir veröffentlichen (JPEG, PNG, WebP oder GIF).",
    "%(names)s and %(last)s": "%(names)s und %(last)s",
    "%(who)s is editing this post": [
      "%(who)s bearbeitet diesen Beitrag",
      "%(who)s bearbeiten diesen Beitrag"
    ],
    "(no preview)": "(keine Vorschau)",
    "A pasted file": "Eine eingefügte Datei",
    "Alt text (describe it for readers who cannot see it)": "Alternativtext (beschreiben Sie es für Leser, die es nicht sehen können)",
    "Back online. You are up to date.": "Wieder verbunden. Sie sind auf dem neuesten Stand.",
    "Caption": "Bildunterschrift",
    "Close": "Schließen",
    "Connection lost. Reconnecting…": "Verbindung verloren. Neuer Versuch …",
    "Coverage has ended.": "Die Berichterstattung ist beendet.",
    "Coverage is live again.": "Die Berichterstattung ist wieder live.",
    "Coverage is paused.": "Die Berichterstattung ist pausiert.",
    "Jump to where you left off": "Dorthin springen, wo Sie aufgehört haben",
    "Just now": "Gerade eben",
    "Key event": "Schlüsselmoment",
    "Link copied": "Link kopiert",
    "Link to (https://…). Leave empty to remove the link.": "Link zu (https://…). Leer lassen, um den Link zu entfernen.",
    "Move earlier": "Nach vorn",
    "Move later": "Nach hinten",
    "New post: %(title)s": "Neuer Beitrag: %(title)s",
    "Next picture": "Nächstes Bild",
    "No connection: nothing was sent. Your text is kept; try again.": "Keine Verbindung: Nichts wurde gesendet. Ihr Text bleibt erhalten; versuchen Sie es erneut.",
    "Pause live updates": "Live-Aktualisierung anhalten",
    "Photographer / credit": "Fotograf / Quelle",
    "Picture": "Bild",
    "Picture %(number)s": "Bild %(number)s",
    "Pictures uploaded.": "Bilder hochgeladen.",
    "Previous picture": "Vorheriges Bild",
    "Remove": "Entfernen",
    "Resume live updates": "Live-Aktualisierung fortsetzen",
    "Resume live updates (%(count)s waiting)": [
      "Live-Aktualisierung fortsetzen (%(count)s wartet)",
      "Live-Aktualisierung fortsetzen (%(count)s warten)"
    ],
    "Share": "Teilen",
    "Show %(count)s new post": [
      "%(count)s neuen Beitrag zeigen",
      "%(count)s neue Beiträge zeigen"
    ],
    "That did not work, and nothing was saved. Try again.": "Das hat nicht geklappt, und nichts wurde gespeichert. Versuchen Sie es erneut.",
    "Uploading pictures: %(percent)s%": "Bilder werden hochgeladen: %(percent)s %",
    "kept with your draft": "mit Ihrem Entwurf gespeichert",
    "not kept: it stays only while this page is open": "nicht gespeichert: bleibt nur, solange diese Seite geöffnet ist",
    "pasted picture": "eingefügtes Bild",
    "update": "Aktualisierung"
  },
  formats: {
    "DATETIME_FORMAT": "j. F Y H:i",
    "DATETIME_INPUT_FORMATS": [
      "%d.%m.%Y %H:%M:%S",
      "%d.%m.%Y %H:%M:%S.%f",
      "%d.%m.%Y %H:%M",
      "%Y-%m-%d %H:%M:%S",
      "%Y-%m-%d %H:%M:%S.%f",
      "%Y-%m-%d %H:%M",
      "%Y-%m-%d"
    ],
    "DATE_FORMAT": "j. F Y",
    "DATE_INPUT_FORMATS": [
      "%d.%m.%Y",
      "%d.%m.%y",
      "%Y-%m-%d"
    ],
    "DECIMAL_SEPARATOR": ",",
    "FIRST_DAY_OF_WEEK": 1,
    "MONTH_DAY_FORMAT": "j. F",
    "NUMBER_GROUPING": 3,
    "SHORT_DATETIME_FORMAT": "d.m.Y H:i",
    "SHORT_DATE_FORMAT": "d.m.Y",
    "THOUSAND_SEPARATOR": ".",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  },
};
