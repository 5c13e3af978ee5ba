# A small image of the Followup service; docker-compose.yml runs it against PostgreSQL.
FROM python:3.11-slim
WORKDIR /srv/followup
COPY pyproject.toml README.md alembic.ini ./
COPY backend ./backend
COPY frontend ./frontend
# Editable, so the app finds front/ beside backend/ as it does in a checkout.
RUN pip install --no-cache-dir -e .
ENV FOLLOWUP_HOST=0.0.0.0 FOLLOWUP_PORT=8000 FOLLOWUP_DATA_DIR=/var/lib/followup
RUN useradd --system followup && mkdir -p /var/lib/followup && chown followup /var/lib/followup
USER followup
EXPOSE 8000
CMD ["followup", "serve"]
