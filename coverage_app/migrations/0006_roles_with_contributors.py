from __future__ import annotations

from django.db import migrations


def sync(apps, schema_editor):
    from coverage_app.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("coverage_app", "0005_newsroom")]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
