-- One database per service (otter_manifest is created by the image from POSTGRES_DB).
CREATE DATABASE otter_rollout OWNER otter;
CREATE DATABASE otter_telemetry OWNER otter;
