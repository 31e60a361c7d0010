# The web image: the app, its locked dependencies, its static files. Every service in
# docker-compose.yml runs a `manage.py` command from this image.
FROM python:3.13-slim

ENV PYTHONUNBUFFERED=1 \
    UV_PROJECT_ENVIRONMENT=/venv \
    PATH="/venv/bin:$PATH"

RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --locked --no-dev --no-install-project
COPY . .

# collectstatic needs settings, not a database; production values come from the environment at run time.
RUN DEBUG=0 SECRET_KEY=build-only-not-a-secret-build-only-not-a-secret-xx ALLOWED_HOSTS=build \
    DATABASE_URL=postgresql://build@localhost/build STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput

RUN useradd --system --home /app liveblog && mkdir -p /data/media && chown liveblog /data/media
USER liveblog
EXPOSE 8000
CMD ["python", "manage.py", "serve", "--host", "0.0.0.0", "--port", "8000", "--proxy"]
