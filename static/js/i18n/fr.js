// The fr words, plural rule and formats of the scripts, read by runtime.js beside this file.
// Made by `manage.py script_catalogues` from locale/fr/LC_MESSAGES/djangojs.po: do not edit.
"use strict";
(globalThis.django || (globalThis.django = {})).locale = {
  language: "fr",
  pluralidx: (n) => Number((n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2),
  catalog: {
    "%(count)s new post since your last visit.": [
      "%(count)s nouveau billet depuis votre dernière visite.",
      "%(count)s de nouveaux billets depuis votre dernière visite.",
      "%(count)s nouveaux billets depuis votre dernière visite."
    ],
    "%(index)s of %(count)s": "%(index)s sur %(count)s",
    "%(name)s · %(size)s MB": "%(name)s · %(size)s Mo",
    "%(name)s: %(size)s MB is over the 20 MB limit.": "%(name)s : %(size)s Mo dépasse la limite de 20 Mo.",
    "%(name)s: not a picture we publish (JPEG, PNG, WebP or GIF).": "%(name)s : pas une photo que nous publions (JPEG, PNG, WebP ou GIF).",
    "%(names)s and %(last)s": "%(names)s et %(last)s",
    "%(who)s is editing this post": [
      "%(who)s modifie ce billet",
      "%(who)s modifient ce billet",
      "%(who)s modifient ce billet"
    ],
    "(no preview)": "(pas d’aperçu)",
    "A pasted file": "Un fichier collé",
    "Alt text (describe it for readers who cannot see it)": "Texte alternatif (décrivez-la pour les lecteurs qui ne peuvent pas la voir)",
    "Back online. You are up to date.": "Connexion rétablie. Vous êtes à jour.",
    "Caption": "Légende",
    "Close": "Fermer",
    "Connection lost. Reconnecting…": "Connexion perdue. Reconnexion…",
    "Coverage has ended.": "Le direct est terminé.",
    "Coverage is live again.": "Le direct a repris.",
    "Coverage is paused.": "Le direct est en pause.",
    "Jump to where you left off": "Reprendre là où vous en étiez",
    "Just now": "À l’instant",
    "Key event": "Moment clé",
    "Link copied": "Lien copié",
    "Link to (https://…). Leave empty to remove the link.": "Lien vers (https://…). Laissez vide pour retirer le lien.",
    "Move earlier": "Avancer",
    "Move later": "Reculer",
    "New post: %(title)s": "Nouveau billet : %(title)s",
    "Next picture": "Photo suivante",
    "No connection: nothing was sent. Your text is kept; try again.": "Pas de connexion : rien n’a été envoyé. Votre texte est conservé ; réessayez.",
    "Pause live updates": "Suspendre les mises à jour",
    "Photographer / credit": "Photographe / crédit",
    "Picture": "Photo",
    "Picture %(number)s": "Photo %(number)s",
    "Pictures uploaded.": "Photos envoyées.",
    "Previous picture": "Photo précédente",
    "Remove": "Retirer",
    "Resume live updates": "Reprendre les mises à jour",
    "Resume live updates (%(count)s waiting)": [
      "Reprendre les mises à jour (%(count)s en attente)",
      "Reprendre les mises à jour (%(count)s en attente)",
      "Reprendre les mises à jour (%(count)s en attente)"
    ],
    "Share": "Partager",
    "Show %(count)s new post": [
      "Afficher %(count)s nouveau billet",
      "Afficher %(count)s de nouveaux billets",
      "Afficher %(count)s nouveaux billets"
    ],
    "That did not work, and nothing was saved. Try again.": "Cela n’a pas fonctionné, et rien n’a été enregistré. Réessayez.",
    "Uploading pictures: %(percent)s%": "Envoi des photos : %(percent)s %",
    "kept with your draft": "conservée avec votre brouillon",
    "not kept: it stays only while this page is open": "non conservée : elle reste seulement tant que cette page est ouverte",
    "pasted picture": "photo collée",
    "update": "mise à jour"
  },
  formats: {
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
    "THOUSAND_SEPARATOR": " ",
    "TIME_FORMAT": "H:i",
    "TIME_INPUT_FORMATS": [
      "%H:%M:%S",
      "%H:%M:%S.%f",
      "%H:%M"
    ],
    "YEAR_MONTH_FORMAT": "F Y"
  },
};
