# Botschaft: one image serving the API and the SPA.
# Build: docker build -t botschaft .   Run: docker run -p 8000:8000 -v botschaft-data:/data botschaft

# --- 1. the SPA ----------------------------------------------------------------------------
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi.yaml /src/openapi.yaml
RUN npm run build

# --- 2. the Python service -----------------------------------------------------------------
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BOTSCHAFT_DATA_DIR=/data \
    BOTSCHAFT_MIGRATIONS_DIR=/app/migrations \
    BOTSCHAFT_STATIC_DIR=/app/static
WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend/ backend/
RUN pip install --no-cache-dir . && rm -rf backend build
COPY migrations/ migrations/
COPY --from=frontend /src/frontend/dist/ static/
RUN useradd --system --uid 10001 --home-dir /data botschaft \
    && mkdir -p /data && chown botschaft /data
USER botschaft
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"
CMD ["botschaft", "serve", "--host", "0.0.0.0", "--port", "8000"]
