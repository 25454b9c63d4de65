# The app for a department's own server: `docker build -t seq2seq-explorer .` then
# `docker run -p 8501:8501 seq2seq-explorer` and open http://localhost:8501.
# Streamlit keeps each user's state in the server's memory: behind a load balancer,
# several replicas need sticky sessions.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    STREAMLIT_SERVER_PORT=8501 \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_HEADLESS=true

RUN useradd --create-home --uid 1000 app
WORKDIR /home/app/explorer
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY --chown=app:app . .
USER app

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/_stcore/health' % os.environ['STREAMLIT_SERVER_PORT'], timeout=4)"
CMD ["streamlit", "run", "app.py"]
