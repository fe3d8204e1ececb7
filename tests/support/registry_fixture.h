#pragma once
// A real registry for tests: Debian's docker-registry (distribution 2.8.2) on 127.0.0.1:<free
// port>, filesystem storage in a temp dir, no auth, deletes enabled. Optionally fault_proxy.py in
// front of it to inject failures, auth and redirects (see that script's --help for the flags).
// Both processes die with the test (PR_SET_PDEATHSIG) and are stopped by the destructor (SIGTERM,
// then SIGKILL after 5 s), which also removes the storage.
//
//   RegistryFixture reg;                      // in initTestCase(); QVERIFY2(reg.isRunning(), reg.error())
//   pushImage(layout, "v1", reg.host(), "demo/app:v1");
//   std::string via = reg.startProxy({"--fail-5xx", "2"});   // "127.0.0.1:PORT", "" on failure
//   RegistryClient client(via, "demo/app");
//   auto stats = nlohmann::json::parse(reg.proxyStats());   // every request the proxy saw
//   reg.stopProxy();
#include "test_env.h"

#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace berth::test {

class RegistryFixture {
public:
    RegistryFixture();
    ~RegistryFixture();
    RegistryFixture(const RegistryFixture&) = delete;
    RegistryFixture& operator=(const RegistryFixture&) = delete;

    bool isRunning() const { return m_registryPid > 0; }
    // Why starting failed (for QVERIFY2 / QSKIP).
    const char* error() const { return m_error.c_str(); }
    // "127.0.0.1:PORT" of the registry itself.
    std::string host() const;
    const std::filesystem::path& storageDir() const { return m_storage; }

    // Starts (or restarts) the fault proxy with these flags; returns its "127.0.0.1:PORT", or
    // "" with error() set. A redirect target (--redirect-blobs-to-host) listens on the same port.
    std::string startProxy(const std::vector<std::string>& flags = {});
    void stopProxy();
    std::string proxyHost() const;
    // The proxy's GET /_stats JSON: {"requests":[{server,method,path,range,authorization,status}],
    // "token_requests":n, "dropped":[digests], "revoked":bool}. "" when it cannot be read.
    std::string proxyStats() const;

private:
    bool startRegistry();
    TempDir m_dir;
    std::filesystem::path m_storage;
    int m_port = 0;
    pid_t m_registryPid = -1;
    int m_proxyPort = 0;
    pid_t m_proxyPid = -1;
    std::string m_error;
};

// A loopback port that was free a moment ago (bind to port 0, read it back, close).
int freeLoopbackPort();
// GET http://127.0.0.1:port/path over a plain socket; returns {status, body}, status 0 on failure.
std::pair<int, std::string> loopbackGet(int port, const std::string& path, int timeoutMs = 2000);

} // namespace berth::test
