# tajikmap as a container: `docker build -t tajikmap . && docker run -p 8501:8501 tajikmap`
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN useradd --create-home --uid 10001 app
WORKDIR /app

# Dependencies first (cached layer), pinned by the same constraints file as `make run`.
COPY pyproject.toml constraints.txt README.md LICENSE ./
COPY src ./src
RUN pip install -c constraints.txt -e .

COPY dashboard.py ./
COPY pages ./pages
COPY data ./data
COPY geodata ./geodata
COPY .streamlit ./.streamlit
# Leaflet's files, from the installed xstatic-leaflet package, served at app/static/.
RUN python -m tajikmap.assets static && python -m tajikmap.comparemap static && chown -R app:app /app/static

USER 10001
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "dashboard.py", "--server.address=0.0.0.0", "--server.port=8501", \
     "--client.showErrorDetails=none", "--server.fileWatcherType=none", "--server.runOnSave=false"]
