# syntax=docker/dockerfile:1
# Navis: one image for the web site (default CMD), the Celery worker and beat (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    UV_PYTHON_DOWNLOADS=never \
    UV_PYTHON=/usr/local/bin/python3.11 \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    NAVIS_DATA_DIR=/data \
    PATH=/app/.venv/bin:$PATH

# Tesseract for scanned (image-only) PDF pages.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
 && rm -rf /var/lib/apt/lists/*

RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app
# Dependencies first (locked, no dev group), so code changes do not reinstall them.
COPY pyproject.toml uv.lock ./
RUN uv sync --locked --no-dev --no-install-project --no-cache

COPY . .

# Code stays root-owned (read-only for the app); the app writes only /data (uploads, static
# root) and its home (gunicorn's control socket).
RUN groupadd --gid 10001 navis \
 && useradd --uid 10001 --gid navis --create-home --home-dir /home/navis --shell /usr/sbin/nologin navis \
 && install -d -o navis -g navis -m 0750 /data
USER navis

EXPOSE 8000
CMD ["gunicorn", "navis.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
