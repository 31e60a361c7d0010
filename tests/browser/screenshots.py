"""Screenshots of every shipped language (issue 15), for people to look at, not assertions: the
reader page live and paused, the embed and the desk, at desktop (1280) and phone (390) widths, in
docs/screenshots/languages/<language>-<view>-<width>.png. Not collected with the suite (its name
does not start with test_), because it rewrites committed files: run it by name,
`uv run pytest tests/browser/screenshots.py`. Re-run it after a catalogue
changes (the newsroom's words follow the journalist's language; the reader's follow the event's).
Viewport only, in 256 colours, so 40 pictures stay a few MiB."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from coverage_app import demo_content, services
from coverage_app.models import Profile
from tests.browser.conftest import sign_in
from tests.browser.test_live_coverage import open_reader
from tests.factories import make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

FOLDER = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "languages"
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}

# One story per language, as its newsroom would write it: (zone, headline, standfirst, key points,
# posts as (title, body, (byline, role), key event)).
STORIES = {
    "en": (
        "Europe/London",
        "Storm Ilsa: thousands without power as red warning stays in place",
        "Live updates from the coast as the storm moves east.",
        "Red warning for wind until 6pm\nTrains cancelled on the coast line\nSchools closed in three counties",
        (
            ("Power cut to 40,000 homes", "<p>The grid operator says crews will start repairs at first light.</p>",
             ("Mara Okafor", "Wales and west correspondent"), True),
            ("Waves over the harbour wall", "<p>The harbour master has closed the seafront road.</p>",
             ("Jonas Whitlow", "at the harbour"), False),
            ("Schools closed tomorrow", "<p>Three councils have told parents to keep children at home.</p>",
             ("Priya Raman", "education editor"), False),
        ),
    ),
    "es": (
        "Europe/Madrid",
        "Borrasca Ilsa: miles de hogares sin luz mientras sigue el aviso rojo",
        "Última hora desde la costa mientras la tormenta avanza hacia el este.",
        "Aviso rojo por viento hasta las 18:00\nTrenes cancelados en la línea de la costa\nColegios cerrados en tres provincias",
        (
            ("Sin luz 40.000 hogares", "<p>La eléctrica dice que los equipos empezarán a reparar al amanecer.</p>",
             ("Lucía Ferrer", "corresponsal en Galicia"), True),
            ("Olas sobre el muelle", "<p>Capitanía ha cerrado el paseo marítimo.</p>",
             ("Jordi Puig", "desde el puerto"), False),
            ("Sin clases mañana", "<p>Tres consejerías han pedido a las familias que los niños se queden en casa.</p>",
             ("Ana Ruiz", "redactora de educación"), False),
        ),
    ),
    "de": (
        "Europe/Berlin",
        "Sturmtief Ilsa: Tausende ohne Strom, Unwetterwarnung bleibt bestehen",
        "Aktuelles von der Küste, während der Sturm nach Osten zieht.",
        "Unwetterwarnung bis 18 Uhr\nZüge an der Küste gestrichen\nSchulen in drei Landkreisen geschlossen",
        (
            ("40.000 Haushalte ohne Strom", "<p>Der Netzbetreiber will ab dem Morgengrauen reparieren.</p>",
             ("Lena Hoffmann", "Korrespondentin Nord"), True),
            ("Wellen über der Hafenmauer", "<p>Das Hafenamt hat die Uferstraße gesperrt.</p>",
             ("Jonas Becker", "am Hafen"), False),
            ("Morgen kein Unterricht", "<p>Drei Landkreise bitten Eltern, Kinder zu Hause zu lassen.</p>",
             ("Aylin Demir", "Bildungsredakteurin"), False),
        ),
    ),
    "fr": (
        "Europe/Paris",
        "Tempête Ilsa : des milliers de foyers privés d'électricité, la vigilance rouge maintenue",
        "Les dernières informations depuis la côte, alors que la tempête avance vers l'est.",
        "Vigilance rouge pour le vent jusqu'à 18 h\nTrains supprimés sur la ligne côtière\nÉcoles fermées dans trois départements",
        (
            ("40 000 foyers sans électricité", "<p>Le gestionnaire du réseau promet des réparations dès l'aube.</p>",
             ("Camille Lefèvre", "correspondante en Bretagne"), True),
            ("Des vagues par-dessus la digue", "<p>La capitainerie a fermé la route du front de mer.</p>",
             ("Hugo Martin", "sur le port"), False),
            ("Pas d'école demain", "<p>Trois départements demandent aux parents de garder les enfants.</p>",
             ("Inès Benali", "journaliste éducation"), False),
        ),
    ),
    "ar": (
        "Asia/Amman",
        "فيضانات وادي الحرير: إجلاء مئات العائلات مع استمرار الأمطار",
        "تغطية مباشرة لآخر التطورات في مدينة وادي الحرير.",
        demo_content.ARABIC_KEY_POINTS,
        demo_content.ARABIC_POSTS[:3],
    ),
}  # fmt: skip


def save(page, name: str) -> None:
    from PIL import Image

    FOLDER.mkdir(parents=True, exist_ok=True)
    picture = Image.open(io.BytesIO(page.screenshot(full_page=False, caret="initial"))).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(FOLDER / f"{name}.png", optimize=True)


def story(language: str, journalist, editor):
    zone, title, standfirst, key_points, posts = STORIES[language]
    event = make_event(
        slug=f"screens-{language}", language=language, time_zone=zone, title=title, standfirst=standfirst
    )
    for post_title, body, (name, role), key in posts:
        services.post_publish(
            event=event,
            author=journalist,
            title=post_title,
            body=body,
            byline_name=name,
            byline_role=role,
            is_key_event=key,
        )
    return services.event_edit(event=event, by=editor, title=title, standfirst=standfirst, key_points=key_points)


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
def test_screenshots_of_every_view_in_each_language(new_page, journalist, editor, language):
    event = story(language, journalist, editor)
    Profile.objects.update_or_create(user=editor, defaults={"language": language})  # the desk speaks it too
    for width, (w, h) in WIDTHS.items():
        reader = open_reader(new_page, event, width=w, height=h)
        save(reader, f"{language}-reader-live-{width}")
        embed = new_page(f"/live/{event.slug}/embed/", width=w, height=h)
        expect(embed.locator("#posts article").first).to_be_visible()
        save(embed, f"{language}-embed-{width}")
        desk = new_page("/", width=w, height=h)
        sign_in(desk, "editor")
        desk.goto(f"/newsroom/events/{event.slug}/")
        expect(desk.locator("#composer")).to_be_visible()
        save(desk, f"{language}-desk-{width}")
    services.coverage_pause(event=event, by=editor, message="")
    for width, (w, h) in WIDTHS.items():
        reader = open_reader(new_page, event, width=w, height=h)
        expect(reader.locator("#status")).to_be_visible()
        save(reader, f"{language}-reader-paused-{width}")
