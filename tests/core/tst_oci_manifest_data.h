#pragma once
// JSON fixtures for tst_oci_manifest (kept apart: moc cannot read raw string literals).
#include <string>

inline std::string configFixture(const std::string& H) {
    return R"({"architecture":"amd64","os":"linux","created":"2025-01-01T00:00:00Z",
          "config":{"Entrypoint":[],"Cmd":["sh"],"Env":["A=1"],"User":"33:33","WorkingDir":"/w","StopSignal":"SIGINT",
                    "ExposedPorts":{"80/tcp":{}},"Volumes":{"/data":{}},"Labels":{"k":"v"}},
          "rootfs":{"type":"layers","diff_ids":["sha256:)" + H + R"("]},
          "history":[{"created_by":"x","empty_layer":true},{"created_by":"y"}], "unknown":{"future":1}})";
        }
