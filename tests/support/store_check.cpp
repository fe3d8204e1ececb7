#include "store_check.h"

#include "image/image_store.h"
#include "support/file_util.h"
#include "support/sha256.h"

namespace berth::test {

namespace fs = std::filesystem;

static std::string checkBlobs(const fs::path& root) {
    std::string problems;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(root / "images/blobs/sha256", ec)) {
        auto bytes = readFile(e.path(), 4ull << 30);
        if (!bytes || Sha256::hexOf(*bytes) != e.path().filename().string())
            problems += "blob " + e.path().filename().string() + " does not match its digest\n";
    }
    return problems;
}

static std::string checkSnapshots(const fs::path& root) {
    std::string problems;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(root / "snapshots", ec)) {
        std::string name = e.path().filename().string();
        if (name[0] == '.') continue; // scratch: invisible, swept later
        if (!fs::exists(e.path() / "meta.json") || !fs::is_directory(e.path() / "fs"))
            problems += "snapshot " + name + " is incomplete\n";
    }
    return problems;
}

std::string checkStore(const fs::path& root) {
    std::string problems = checkBlobs(root) + checkSnapshots(root);
    auto store = image::ImageStore::open(root);
    if (!store) return problems + "store does not open: " + store.error().message + "\n";
    auto records = store->list();
    if (!records) return problems + "index.json unreadable: " + records.error().message + "\n";
    for (auto& r : *records) {
        auto img = store->loadImage(r.target);
        if (!img) {
            problems += "image " + r.name + ": " + img.error().message + "\n";
            continue;
        }
        for (auto& l : img->manifest.layers)
            if (!store->content().has(l.digest)) problems += "image " + r.name + " lacks layer blob " + l.digest.str() + "\n";
        for (auto& c : img->chainIds)
            if (!store->snapshots().has(c)) problems += "image " + r.name + " lacks snapshot " + c.str() + "\n";
    }
    return problems;
}

} // namespace berth::test
