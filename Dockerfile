# The app in a container: docker build -t why-normalize . && docker run -p 8501:8501 why-normalize
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first (from pyproject.toml), so code changes do not reinstall them.
COPY pyproject.toml README.md ./
COPY explainer ./explainer
RUN pip install . && useradd --create-home --uid 1000 app

COPY .streamlit ./.streamlit
COPY streamlit_app.py ./
COPY pages ./pages
COPY ui ./ui
COPY deploy ./deploy

USER app
EXPOSE 8501

# Streamlit's own health endpoint answers "ok" once the server is up (behind a base path it moves
# under it: set HEALTH_URL to match, e.g. http://127.0.0.1:8501/why/_stcore/health).
ENV HEALTH_URL=http://127.0.0.1:8501/_stcore/health
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(os.environ['HEALTH_URL'], timeout=4)" || exit 1

# deploy/serve.py does the first visitor's slow work (imports, SymPy, the chat's classifier) before
# Streamlit listens, then runs `streamlit run` in the same process: healthy means warm.
CMD ["python", "-m", "deploy.serve", "streamlit_app.py", "--server.address=0.0.0.0", "--server.port=8501"]
