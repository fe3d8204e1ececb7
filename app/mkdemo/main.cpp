// berth-mkdemo: builds Berth's built-in demo images from Debian's busybox-static at build time,
// so the app and the tests have images without any network. Writes one archive per image in
// the format `berth save` writes (OCI layout + Docker manifest.json), both sharing one busybox
// base layer — the first thing the teaching views show: two images, one shared layer.
#include "oci/digest.h"
#include "oci/media_types.h"
#include "oci/platform.h"
#include "support/sha256.h"

#include <archive.h>
#include <archive_entry.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;
using berth::oci::Digest;

namespace {

constexpr long long Epoch = 1735689600; // 2025-01-01T00:00:00Z: fixed times make the images reproducible
const char* Created = "2025-01-01T00:00:00Z";

la_ssize_t appendCb(struct archive*, void* client, const void* buf, size_t n) {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
}

struct Entry {
    std::string path;
    unsigned type = AE_IFREG;
    unsigned mode = 0644;
    std::string content;
    std::string link;
};

std::string writeTar(const std::vector<Entry>& entries, bool gzip) {
    std::string out;
    archive* a = archive_write_new();
    if (gzip) {
        archive_write_set_format_raw(a);
        archive_write_add_filter_gzip(a);
        archive_write_set_filter_option(a, "gzip", "timestamp", nullptr);
    } else {
        archive_write_set_format_pax_restricted(a);
    }
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr, appendCb, nullptr);
    for (auto& e : entries) {
        archive_entry* en = archive_entry_new();
        archive_entry_set_pathname(en, e.path.c_str());
        archive_entry_set_filetype(en, e.type);
        archive_entry_set_perm(en, e.mode);
        archive_entry_set_mtime(en, Epoch, 0);
        if (e.type == AE_IFLNK) archive_entry_set_symlink(en, e.link.c_str());
        if (e.type == AE_IFREG) archive_entry_set_size(en, static_cast<la_int64_t>(e.content.size()));
        archive_write_header(a, en);
        if (!e.content.empty()) archive_write_data(a, e.content.data(), e.content.size());
        archive_entry_free(en);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

std::string gzipBytes(const std::string& data) {
    Entry raw{"data", AE_IFREG, 0644, data, {}};
    return writeTar({raw}, true);
}

std::string readAll(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::vector<std::string> applets(const std::string& busybox) {
    std::vector<std::string> out;
    FILE* p = ::popen((busybox + " --list").c_str(), "r");
    if (!p) return out;
    char line[256];
    while (std::fgets(line, sizeof line, p)) {
        std::string s(line);
        while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
        if (!s.empty() && s != "busybox") out.push_back(s);
    }
    ::pclose(p);
    return out;
}

struct Layer {
    std::string blob; // gzip
    Digest digest;
    Digest diffId;
    std::string createdBy;
};

Layer makeLayer(const std::vector<Entry>& entries, std::string createdBy) {
    std::string tar = writeTar(entries, false);
    Layer l;
    l.diffId = Digest::sha256Of(tar);
    l.blob = gzipBytes(tar);
    l.digest = Digest::sha256Of(l.blob);
    l.createdBy = std::move(createdBy);
    return l;
}

Layer baseLayer(const std::string& busybox) {
    std::vector<Entry> e;
    for (const char* d : {"bin", "dev", "etc", "home", "proc", "root", "sys", "usr", "usr/bin", "var", "var/www"})
        e.push_back({d, AE_IFDIR, 0755, {}, {}});
    e.push_back({"tmp", AE_IFDIR, 01777, {}, {}});
    e.push_back({"bin/busybox", AE_IFREG, 0755, readAll(busybox), {}});
    for (auto& a : applets(busybox)) e.push_back({"bin/" + a, AE_IFLNK, 0777, {}, "busybox"});
    e.push_back({"etc/passwd", AE_IFREG, 0644,
                 "root:x:0:0:root:/root:/bin/sh\nwww-data:x:33:33:www-data:/var/www:/bin/false\n"
                 "nobody:x:65534:65534:nobody:/home:/bin/false\n", {}});
    e.push_back({"etc/group", AE_IFREG, 0644, "root:x:0:\nwheel:x:10:root\nwww-data:x:33:\nnogroup:x:65534:\n", {}});
    e.push_back({"etc/os-release", AE_IFREG, 0644, "NAME=\"Berth demo (busybox)\"\nID=berth-demo\n", {}});
    return makeLayer(e, "ADD busybox-static and its applet links in /bin  # berth-mkdemo");
}

struct ImageSpec {
    std::string name; // "berth-demo/hello"
    std::vector<Layer> layers;
    json config;      // the "config" object (Cmd, Env, …)
};

void addFile(archive* a, const std::string& name, const std::string& bytes) {
    archive_entry* en = archive_entry_new();
    archive_entry_set_pathname(en, name.c_str());
    archive_entry_set_filetype(en, AE_IFREG);
    archive_entry_set_perm(en, 0644);
    archive_entry_set_mtime(en, Epoch, 0);
    archive_entry_set_size(en, static_cast<la_int64_t>(bytes.size()));
    archive_write_header(a, en);
    archive_write_data(a, bytes.data(), bytes.size());
    archive_entry_free(en);
}

void addBlob(archive* a, const std::string& bytes, std::vector<std::string>& seen) {
    std::string name = "blobs/sha256/" + Digest::sha256Of(bytes).encoded();
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) return;
    seen.push_back(name);
    addFile(a, name, bytes);
}

bool writeImage(const ImageSpec& img, const fs::path& out) {
    json history = json::array(), diffIds = json::array(), layers = json::array(), layerPaths = json::array();
    for (auto& l : img.layers) {
        history.push_back({{"created", Created}, {"created_by", l.createdBy}});
        diffIds.push_back(l.diffId.str());
        layers.push_back({{"mediaType", berth::oci::media::OciLayerGzip}, {"digest", l.digest.str()}, {"size", l.blob.size()}});
        layerPaths.push_back("blobs/sha256/" + l.digest.encoded());
    }
    json config = {{"created", Created}, {"author", "Berth"}, {"architecture", berth::oci::Platform::host().architecture},
                   {"os", "linux"}, {"config", img.config}, {"rootfs", {{"type", "layers"}, {"diff_ids", diffIds}}},
                   {"history", history}};
    std::string configBytes = config.dump();
    json manifest = {{"schemaVersion", 2}, {"mediaType", berth::oci::media::OciManifest},
                     {"config", {{"mediaType", berth::oci::media::OciConfig}, {"digest", Digest::sha256Of(configBytes).str()},
                                 {"size", configBytes.size()}}},
                     {"layers", layers}};
    std::string manifestBytes = manifest.dump();
    std::string full = "docker.io/" + img.name + ":latest";
    json index = {{"schemaVersion", 2}, {"mediaType", berth::oci::media::OciIndex},
                  {"manifests", json::array({{{"mediaType", berth::oci::media::OciManifest},
                                              {"digest", Digest::sha256Of(manifestBytes).str()},
                                              {"size", manifestBytes.size()},
                                              {"annotations", {{"io.containerd.image.name", full},
                                                               {"org.opencontainers.image.ref.name", "latest"}}}}})}};
    json dockerManifest = json::array({{{"Config", "blobs/sha256/" + Digest::sha256Of(configBytes).encoded()},
                                        {"RepoTags", json::array({img.name + ":latest"})},
                                        {"Layers", layerPaths}}});
    fs::path tmp = out;
    tmp += ".tmp";
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    if (archive_write_open_filename(a, tmp.c_str()) != ARCHIVE_OK) {
        std::cerr << "berth-mkdemo: cannot write " << tmp << ": " << archive_error_string(a) << '\n';
        return false;
    }
    std::vector<std::string> seen;
    for (auto& l : img.layers) addBlob(a, l.blob, seen);
    addBlob(a, configBytes, seen);
    addBlob(a, manifestBytes, seen);
    auto small = [&](const std::string& name, const std::string& bytes) { addFile(a, name, bytes); };
    small("oci-layout", R"({"imageLayoutVersion":"1.0.0"})");
    small("index.json", index.dump());
    small("manifest.json", dockerManifest.dump());
    small("repositories", json{{img.name, {{"latest", Digest::sha256Of(configBytes).encoded()}}}}.dump());
    bool ok = archive_write_close(a) == ARCHIVE_OK;
    archive_write_free(a);
    if (ok) fs::rename(tmp, out);
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    std::string busybox = "/bin/busybox", webRoot, outDir = ".";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string k = argv[i];
        if (k == "--busybox") busybox = argv[i + 1];
        else if (k == "--web-root") webRoot = argv[i + 1];
        else if (k == "--out") outDir = argv[i + 1];
    }
    if (!fs::exists(busybox)) {
        std::cerr << "berth-mkdemo: " << busybox << " not found (install Debian's busybox-static)\n";
        return 1;
    }
    Layer base = baseLayer(busybox);
    const std::string hello =
        "Hello from Berth!\n"
        "This message comes from a container made from the berth-demo/hello image.\n"
        "Its files are two layers: busybox (shared with berth-demo/web) and this message.\n\n"
        "Berth에서 보내는 인사입니다!\n"
        "이 메시지는 berth-demo/hello 이미지로 만든 컨테이너에서 나왔습니다.\n"
        "이미지는 두 개의 레이어로 되어 있습니다: busybox(berth-demo/web과 공유)와 이 메시지.\n";
    Layer helloLayer = makeLayer({{"hello.txt", AE_IFREG, 0644, hello, {}}}, "COPY hello.txt /hello.txt  # berth-mkdemo");
    ImageSpec helloImg{"berth-demo/hello", {base, helloLayer},
                       {{"Env", {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
                        {"Cmd", {"cat", "/hello.txt"}},
                        {"Labels", {{"org.opencontainers.image.title", "Berth hello demo"}}}}};
    std::string page = webRoot.empty() ? "<h1>Hello from Berth</h1>\n" : readAll(fs::path(webRoot) / "index.html");
    Layer webLayer = makeLayer({{"var/www/index.html", AE_IFREG, 0644, page, {}}}, "COPY index.html /var/www/  # berth-mkdemo");
    ImageSpec webImg{"berth-demo/web", {base, webLayer},
                     {{"Env", {"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"}},
                      {"Cmd", {"httpd", "-f", "-v", "-p", "80", "-h", "/var/www"}},
                      {"ExposedPorts", {{"80/tcp", json::object()}}},
                      {"StopSignal", "SIGTERM"},
                      {"Labels", {{"org.opencontainers.image.title", "Berth web demo (busybox httpd)"}}}}};
    fs::create_directories(outDir);
    if (!writeImage(helloImg, fs::path(outDir) / "berth-demo-hello.tar")) return 1;
    if (!writeImage(webImg, fs::path(outDir) / "berth-demo-web.tar")) return 1;
    std::cout << "berth-mkdemo: wrote berth-demo/hello and berth-demo/web to " << outDir << '\n';
    return 0;
}
