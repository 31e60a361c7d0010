"""The demo's coverage: a fictional storm, told the way a newsroom's live page tells a story.

Everything here is invented: the storm, the places, the people. It goes through the services like
any real coverage, so the demo exercises the same paths (seq, change log, frames) as the newsroom.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFilter

from coverage_app import services
from coverage_app.models import Event, Media, Post

SLUG = "storm-ilsa-live"
QUIET_SLUG = "averly-council-budget"
ARABIC_SLUG = "wadi-harir-floods-live"  # the second story, in Arabic: a right-to-left page from the index

WIRE = ("Newsdesk", "")
MARA = ("Mara Okafor", "Wales and west correspondent")
JONAS = ("Jonas Whitlow", "at the harbour in Port Averly")
PRIYA = ("Priya Raman", "environment editor")

# (title, body, byline, key event). Oldest first; 40 entries, about ten minutes apart.
POSTS: list[tuple[str, str, tuple[str, str], bool]] = [
    (
        "Welcome to our live coverage",
        "<p>Storm Ilsa is expected to reach the Averly coast this afternoon with gusts of up to 90mph. We will bring you the latest warnings, travel disruption and reports from our correspondents through the day.</p>",
        WIRE,
        False,
    ),
    (
        "Red warning issued for the Averly coast",
        "<p>The national weather service has upgraded its amber warning to <strong>red</strong> for the coast between Port Averly and Kell Point, from 2pm until midnight.</p><p>A red warning means a danger to life from flying debris and large waves.</p>",
        WIRE,
        True,
    ),
    (
        "What a red warning means",
        "<ul><li>Stay indoors where you can.</li><li>Keep away from sea fronts, piers and cliff paths.</li><li>Expect power cuts and road closures.</li></ul>",
        PRIYA,
        False,
    ),
    (
        "Schools close early",
        "<p>Averly county council says all 38 of its schools will close at noon so that children are home before the strongest winds arrive.</p>",
        WIRE,
        False,
    ),
    (
        "Ferries cancelled",
        "<p>All sailings from Port Averly to the Skerry Isles are cancelled for the rest of the day. The operator says passengers with tickets will be rebooked free of charge.</p>",
        WIRE,
        False,
    ),
    (
        "Rail services suspended on the coast line",
        "<p>Trains between Averly Central and Kell Point will stop running from 1pm. Replacement buses are not expected to run during the warning.</p>",
        WIRE,
        False,
    ),
    (
        "Mayor: 'Do not travel unless you must'",
        "<p>The mayor spoke at a briefing at the town hall this morning.</p>",
        MARA,
        False,
    ),
    (
        "Sandbags handed out in the old town",
        "<p>Volunteers have been filling sandbags at the fire station on Quay Street since dawn. The queue stretched round the block by mid-morning.</p>",
        MARA,
        False,
    ),
    (
        "Why Ilsa is so strong",
        "<p>The storm formed over unusually warm water and deepened rapidly overnight, a process forecasters call explosive cyclogenesis. Its pressure fell by more than 24 millibars in 24 hours.</p>",
        PRIYA,
        False,
    ),
    (
        "First gusts reach the coast",
        "<p>The weather station at Kell Point has recorded a gust of 71mph, the first above 70mph today.</p>",
        WIRE,
        False,
    ),
    (
        "Eyewitness: 'The spray is coming over the roofs'",
        "<p>I am standing in the lee of the lifeboat station. Every few seconds a wave hits the harbour wall and the spray goes clean over the roofs of the fishermen's cottages behind me.</p><p>The harbour master has closed the quay. Two fishing boats that came in late this morning are tied up three deep against the inner wall.</p>",
        JONAS,
        False,
    ),
    (
        "In pictures: waves at the harbour wall",
        "<p>Our photographer sent this from the harbour this afternoon.</p>",
        JONAS,
        False,
    ),
    (
        "Power cuts affect 12,000 homes",
        "<p>The regional grid operator says about 12,000 homes across Averly county are without power. Engineers are on standby but cannot climb poles in these winds.</p>",
        WIRE,
        True,
    ),
    (
        "Gust of 88mph at Kell Point",
        '<p>A new high: 88mph at Kell Point at 3.40pm, well above the 71mph recorded earlier (<a href="{post:First gusts reach the coast}">see our earlier post</a>). Forecasters expect the peak in the next two hours.</p>',
        WIRE,
        False,
    ),
    (
        "Bridge at Marrow Ford closed to high-sided vehicles",
        "<p>The Marrow Ford bridge is now closed to lorries, vans and caravans. Cars can still cross at 30mph.</p>",
        WIRE,
        False,
    ),
    (
        "Lifeboat launched",
        "<p>The Port Averly lifeboat has launched to a yacht reported in difficulty off Gannet Head. We will bring you more as soon as we have it.</p>",
        MARA,
        True,
    ),
    (
        "Roof torn from sports hall",
        "<p>Part of the roof of the Greenhill leisure centre has been torn off. The centre had closed at noon and no one was inside.</p>",
        WIRE,
        False,
    ),
    (
        "Council opens rest centres",
        "<p>Rest centres are open at the Averly Academy and St Brannoc's church hall for anyone who has had to leave their home. Both have power from generators.</p>",
        WIRE,
        False,
    ),
    (
        "Yacht crew rescued",
        "<p>Both people aboard the yacht off Gannet Head have been brought ashore by the lifeboat crew. The coastguard says they are cold but unhurt.</p>",
        MARA,
        True,
    ),
    (
        "Coastguard: 'Textbook rescue in appalling conditions'",
        "<p>The coastguard has praised the lifeboat crew who brought two sailors ashore from Gannet Head.</p>",
        MARA,
        False,
    ),
    (
        "Power cuts rise to 31,000 homes",
        "<p>The number of homes without electricity has risen to about 31,000, the grid operator says.</p>",
        WIRE,
        False,
    ),
    (
        "Grid operator: crews ready for first light",
        "<p>The grid operator posted this update a few minutes ago.</p>",
        WIRE,
        False,
    ),
    (
        "Trees down across the A38",
        "<p>Several trees have come down across the A38 north of Marrow Ford. The road is closed in both directions.</p>",
        WIRE,
        False,
    ),
    (
        "Eyewitness: the pier",
        "<p>The end of the old pier has gone. Where the café stood this morning there is a gap of perhaps thirty metres, and the railings are hanging into the sea.</p>",
        JONAS,
        True,
    ),
    (
        "Mapped: where the red warning applies",
        "<p>The red warning covers the coast from Port Averly to Kell Point and up to ten miles inland.</p>",
        PRIYA,
        False,
    ),
    (
        "Is this climate change?",
        "<p>Scientists caution against blaming any single storm on climate change, but warmer seas give storms like Ilsa more energy to draw on, and higher sea levels make surges more damaging.</p>",
        PRIYA,
        False,
    ),
    (
        "Flood warnings for the Averly estuary",
        "<p>Six flood warnings are in force along the estuary, where the surge is expected to coincide with high tide at 9.15pm.</p>",
        WIRE,
        False,
    ),
    (
        "Residents on Water Lane told to leave",
        "<p>Police are going door to door on Water Lane and Mill Row asking people to go to the rest centres before high tide.</p>",
        MARA,
        False,
    ),
    (
        "High tide passes",
        "<p>High tide has passed at Port Averly. Water came over the quay in places but the flood defences on the estuary held.</p>",
        WIRE,
        True,
    ),
    (
        "Wind easing, says weather service",
        "<p>The strongest winds have moved north-east. The red warning is replaced by an amber warning until 6am.</p>",
        PRIYA,
        False,
    ),
    (
        "We're pausing our coverage",
        "<p>That's it from us for tonight. We will be back early tomorrow with the clear-up, travel news and the latest on power cuts.</p>",
        WIRE,
        False,
    ),
    (
        "Good morning",
        "<p>Welcome back to our coverage of Storm Ilsa. The storm has moved out to sea overnight; the clear-up begins this morning.</p>",
        WIRE,
        False,
    ),
    (
        "Power restored to most homes",
        "<p>The grid operator says 26,000 of the 31,000 homes cut off yesterday have their power back. The rest should be reconnected by this evening.</p>",
        WIRE,
        False,
    ),
    (
        "Morning at the harbour",
        "<p>The sea is grey and flat this morning. The harbour is full of driftwood and lobster pots, and the lifeboat crew are hosing shingle off the slipway.</p>",
        JONAS,
        False,
    ),
    (
        "Ferries to resume at noon",
        "<p>The first sailing to the Skerry Isles since yesterday morning will leave Port Averly at noon.</p>",
        WIRE,
        False,
    ),
    (
        "Rail line reopens",
        "<p>Trains are running again between Averly Central and Kell Point after engineers cleared fallen trees overnight.</p>",
        WIRE,
        False,
    ),
    (
        "Mayor praises volunteers",
        "<p>Helen Varga visited the rest centre at St Brannoc's this morning.</p>",
        MARA,
        False,
    ),
    (
        "Pier will be rebuilt, council says",
        "<p>The council's leader says the old pier will be rebuilt, but it is too early to say how much that will cost or how long it will take.</p>",
        MARA,
        True,
    ),
    (
        "How to claim for storm damage",
        "<ol><li>Photograph the damage before you tidy up.</li><li>Call your insurer's claims line.</li><li>Keep receipts for emergency repairs.</li></ol>",
        PRIYA,
        False,
    ),
    (
        "Schools reopen tomorrow",
        "<p>All but two of the county's schools will reopen tomorrow. Greenhill Primary and Kell Point Academy stay closed for repairs.</p>",
        WIRE,
        False,
    ),
    (
        "Summary: what we know",
        "<ul><li>Storm Ilsa brought gusts of 88mph to the Averly coast.</li><li>Two sailors were rescued off Gannet Head.</li><li>31,000 homes lost power; most have it back.</li><li>The end of the old pier was destroyed.</li></ul>",
        WIRE,
        True,
    ),
]
# Quotes with their attribution, by post title.
QUOTES = {
    "Mayor: 'Do not travel unless you must'": (
        "We have not seen a storm like this in a generation. Please stay at home this afternoon, check on your "
        "neighbours, and do not go down to the sea front to watch the waves.",
        "Helen Varga, mayor of Port Averly",
    ),
    "Coastguard: 'Textbook rescue in appalling conditions'": (
        "The crew went out into seas of eight metres. It was a textbook rescue in appalling conditions, and both "
        "sailors are safe because of them.",
        "Tomas Reyes, duty controller at Averly coastguard",
    ),
    "Mayor praises volunteers": (
        "I want to thank every person who filled a sandbag, knocked on a neighbour's door or gave up their "
        "evening at a rest centre.",
        "Helen Varga, mayor of Port Averly",
    ),
}
PICTURE_ALTS = (
    "Grey waves breaking over a harbour wall under a dark storm sky",
    "White spray rising over a row of low roofs beside the harbour",
    "Heavy surf rolling towards the shore under low cloud",
)
SOCIAL_POST = "Grid operator: crews ready for first light"
MAP_POST = "Mapped: where the red warning applies"
KEY_POINTS = (
    "<ul><li>Storm Ilsa brought gusts of 88mph to the Averly coast</li>"
    "<li>A lifeboat crew rescued two sailors off Gannet Head</li>"
    "<li>31,000 homes lost power; most are reconnected</li>"
    "<li>The end of Port Averly's old pier was destroyed</li></ul>"
)
PAUSE_AFTER = "We're pausing our coverage"
PAUSE_MESSAGE = "We're pausing our coverage for tonight. We'll be back from 7am with the clear-up."
IMAGE_POST = "In pictures: waves at the harbour wall"
PINNED_POST = "What a red warning means"


def storm_picture(variant: int = 0) -> ContentFile:
    """A painted stand-in for a news photograph: a storm sky over a sea wall."""
    width, height = 1200, 675
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(60 + 80 * y / height)
        draw.line([(0, y), (width, y)], fill=(shade - 20, shade, shade + 15))
    draw.polygon([(0, 470), (width, 430), (width, height), (0, height)], fill=(52, 58, 62))
    for x in range(0, width, 90 + 25 * variant):
        draw.ellipse([x - 120, 300 + ((x + 60 * variant) % 170), x + 160, 520], fill=(222, 230, 232))
    draw.rectangle([0, 520, width, height], fill=(70, 64, 58))
    image = image.filter(ImageFilter.GaussianBlur(3))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82)
    return ContentFile(buffer.getvalue(), name=f"storm-ilsa-harbour-{variant}.jpg")


def warning_map() -> ContentFile:
    """A drawn map of the fictional coast with the red warning area."""
    width, height = 1000, 750
    image = Image.new("RGB", (width, height), (170, 205, 230))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 0), (1000, 0), (1000, 420), (760, 470), (520, 430), (300, 520), (0, 480)], fill=(226, 232, 214))
    draw.polygon(
        [(120, 300), (820, 250), (860, 445), (760, 470), (520, 430), (300, 520), (120, 500)], fill=(214, 72, 72)
    )
    for x, y in ((300, 500), (760, 450), (520, 200)):
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="storm-ilsa-warning-map.png")


def avatar_picture() -> ContentFile:
    """A drawn stand-in for a social account's picture: the grid operator's lightning mark."""
    image = Image.new("RGB", (96, 96), (0, 92, 70))
    ImageDraw.Draw(image).polygon([(54, 10), (26, 54), (46, 54), (38, 86), (70, 40), (50, 40)], fill=(255, 214, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="averly-grid.png")


def demo_media(title: str) -> list[Media]:
    """The unsaved media a demo post is published with."""
    if title == IMAGE_POST:
        captions = (
            "Waves break over the harbour wall at Port Averly.",
            "Spray over the fishermen's cottages on Quay Street.",
            "The lifeboat station in the lee of the storm.",
        )
        return [
            Media(file=storm_picture(variant), alt_text=alt, caption=caption, credit="Demo image")
            for variant, (caption, alt) in enumerate(zip(captions, PICTURE_ALTS, strict=True))
        ]
    if title == MAP_POST:
        return [
            Media(
                kind=Media.Kind.MAP,
                file=warning_map(),
                alt_text="Map of the Averly coast with the red warning area shaded from Port Averly to Kell Point",
                caption="The red warning area, 2pm to midnight.",
                credit="Demo map",
            )
        ]
    if title == SOCIAL_POST:
        return [
            Media(
                kind=Media.Kind.SOCIAL,
                url="https://bsky.app/profile/averlygrid.example/post/3kstormilsa",
                social_author="Averly Grid",
                social_handle="@averlygrid.example",
                social_text="Our crews are ready to go at first light. If you see a fallen line, stay 10 metres away and call 105.",
                social_avatar=avatar_picture(),
                social_posted_at=timezone.now() - timedelta(hours=14),
            )
        ]
    return []


# A fictional story, written in Arabic by the demo's newsroom; Latin names and figures inside the
# Arabic text show mixed-direction text isolated as it should be.
ARABIC_POSTS = (
    (
        "بدء عمليات الإجلاء في الأحياء المنخفضة",
        "<p>بدأت فرق الدفاع المدني إجلاء السكان من الأحياء القريبة من مجرى الوادي بعد ارتفاع منسوب المياه خلال الليل.</p>",
        ("سلمى حداد", "مراسلة الشؤون المحلية"),
        True,
    ),
    (
        "الأرصاد: أمطار غزيرة حتى المساء",
        "<p>قالت دائرة الأرصاد الجوية إن الأمطار ستستمر حتى المساء، مع احتمال تشكّل سيول جديدة في المناطق الجبلية.</p>",
        ("كريم نصّار", "محرر الطقس"),
        False,
    ),
    (
        "فتح طريق بديل إلى المستشفى",
        "<p>أعلنت البلدية فتح طريق بديل يربط وسط المدينة بمستشفى الحرير العام، بعد إغلاق الجسر الرئيسي أمام حركة السير.</p>",
        ("سلمى حداد", "مراسلة الشؤون المحلية"),
        False,
    ),
    (
        "منظمة دولية ترسل فريق إغاثة",
        "<p>قال متحدث باسم منظمة Relief Without Borders إن فريقًا من 40 متطوعًا في طريقه إلى المدينة، ومعه مولدات كهرباء ومياه شرب.</p>",
        ("كريم نصّار", "محرر الطقس"),
        True,
    ),
)
ARABIC_KEY_POINTS = "إجلاء السكان من الأحياء القريبة من الوادي\nإغلاق الجسر الرئيسي وفتح طريق بديل إلى المستشفى\nأمطار غزيرة متوقعة حتى المساء"  # noqa: RUF001 -- Arabic text: its alef is a letter, not a lookalike of l


def load_arabic(*, editor: AbstractBaseUser, journalist: AbstractBaseUser) -> Event | None:
    """The Arabic story (a live page written right to left), unless it is there already."""
    if Event.objects.filter(slug=ARABIC_SLUG).exists():
        return None
    now = timezone.now()
    start = now - timedelta(minutes=15 * len(ARABIC_POSTS) + 30)
    event = services.event_create(
        slug=ARABIC_SLUG,
        title="فيضانات وادي الحرير: إجلاء مئات العائلات مع استمرار الأمطار",
        standfirst="تغطية مباشرة لآخر التطورات في مدينة وادي الحرير، حيث غمرت المياه عددًا من الأحياء.",
        starts_at=start,
        time_zone="Asia/Amman",
        language="ar",
        by=editor,
    )
    for index, (title, body, (name, role), key) in enumerate(ARABIC_POSTS):
        services.post_publish(
            event=event,
            author=journalist,
            title=title,
            body=body,
            byline_name=name,
            byline_role=role,
            is_key_event=key,
            published_at=start + timedelta(minutes=15 * index),
        )
    return services.event_edit(
        event=event, by=editor, title=event.title, standfirst=event.standfirst, key_points=ARABIC_KEY_POINTS
    )


def load(*, editor: AbstractBaseUser, journalist: AbstractBaseUser) -> Event | None:
    """Create the demo coverage unless it is there already. Returns the event if it was created."""
    load_arabic(editor=editor, journalist=journalist)  # also into a demo database made before it existed
    if Event.objects.filter(slug=SLUG).exists():
        return None
    now = timezone.now()
    start = now - timedelta(minutes=10 * len(POSTS) + 600)
    event = services.event_create(
        slug=SLUG,
        title="Storm Ilsa: red warning on the Averly coast as 90mph winds arrive",
        standfirst="Lifeboat rescues two sailors off Gannet Head; 31,000 homes lost power; the end of Port Averly's old pier destroyed.",
        starts_at=start,
        by=editor,
    )
    published: dict[str, Post] = {}
    for index, (title, body, (name, role), key) in enumerate(POSTS):
        # The night between the pause and the morning lasts nine hours.
        minutes = 10 * index + (540 if index > [p[0] for p in POSTS].index(PAUSE_AFTER) else 0)
        post = services.post_publish(
            event=event,
            author=journalist if name in {JONAS[0], MARA[0]} else editor,
            title=title,
            body=re.sub(r"\{post:([^}]+)\}", lambda m: published[m.group(1)].get_absolute_url(), body),
            quote_text=QUOTES.get(title, ("", ""))[0],
            quote_attribution=QUOTES.get(title, ("", ""))[1],
            byline_name=name,
            byline_role=role,
            is_key_event=key,
            published_at=start + timedelta(minutes=minutes),
            media=demo_media(title),
        )
        published[title] = post
        if title == PAUSE_AFTER:
            event = services.coverage_pause(event=event, by=editor, message=PAUSE_MESSAGE)
            event = services.coverage_resume(event=event, by=editor)
        if title == PINNED_POST:
            services.post_pin(post=post, by=editor)
    lead = {
        "lead_image": storm_picture(3),
        "lead_image_alt": "Storm waves break over the sea wall at Port Averly under a dark sky",
        "lead_caption": "The sea wall at Port Averly as the storm arrived.",
        "lead_credit": "Demo image",
    }
    event = services.event_edit(
        event=event, by=editor, title=event.title, standfirst=event.standfirst, key_points=KEY_POINTS, lead=lead
    )

    quiet = services.event_create(
        slug=QUIET_SLUG,
        title="Averly council sets its budget",
        standfirst="Councillors vote on next year's spending after a long debate.",
        starts_at=now - timedelta(days=3),
        by=editor,
    )
    services.post_publish(
        event=quiet,
        author=editor,
        title="Budget approved",
        body="The budget passed by 31 votes to 17.",
        byline_name=WIRE[0],
        published_at=now - timedelta(days=3),
    )
    services.coverage_end(event=quiet, by=editor, message="That's all from the council chamber. Thanks for following.")
    return event
