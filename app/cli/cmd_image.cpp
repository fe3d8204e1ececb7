// Image verbs: pull, images, image inspect, history, tag, rmi, image prune.
#include "command.h"
#include "format.h"
#include "go_template.h"
#include "pull_display.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace berth::cli {

using nlohmann::json;

namespace {

int runPull(Context& ctx, const ParsedArgs& a) {
    const std::string name = a.positional[0];
    auto ref = image::Reference::parse(name);
    if (!ref) return reportError(ref.error());
    bool quiet = a.has("quiet");
    image::PullOptions opts;
    if (a.has("platform")) {
        auto p = oci::Platform::parse(a.value("platform"));
        if (!p) return reportError(p.error());
        opts.platform = *p;
    }
    PullDisplay display(std::cout, ::isatty(STDOUT_FILENO));
    if (!quiet) {
        if (name.find(':') == std::string::npos && !ref->digest) std::cout << "Using default tag: latest\n";
        std::cout << (ref->digest ? ref->digest->str() : ref->tag) << ": Pulling from " << ref->path << '\n';
        opts.progress = [&display](const image::PullProgress& p) { display.update(p); };
    }
    auto r = ctx.engine()->pull(name, opts);
    display.finish();
    if (!r) return reportError(r.error());
    if (quiet) {
        std::cout << ref->str() << '\n';
        return ExitOk;
    }
    std::cout << "Digest: " << r->repoDigest << '\n';
    std::cout << "Status: " << (r->upToDate ? "Image is up to date for " : "Downloaded newer image for ") << ref->familiar()
              << '\n'
              << ref->str() << '\n';
    return ExitOk;
}

int runImages(Context& ctx, const ParsedArgs& a) {
    auto rows = ctx.engine()->listImages(a.has("all"));
    if (!rows) return reportError(rows.error());
    std::vector<engine::ImageRow> shown;
    std::string filter = a.positional.empty() ? "" : a.positional[0];
    for (auto& r : *rows) {
        if (!filter.empty()) {
            auto ref = image::Reference::parse(filter);
            if (!ref || (r.repository != ref->familiarRepository() && r.repository != ref->repository())) continue;
            if (filter.find(':') != std::string::npos && r.tag != ref->tag) continue;
        }
        shown.push_back(r);
    }
    bool noTrunc = a.has("no-trunc");
    auto id = [&](const engine::ImageRow& r) { return noTrunc ? r.imageId.str() : r.imageId.shortId(); };
    if (a.has("quiet")) {
        std::vector<std::string> seen;
        for (auto& r : shown)
            if (std::find(seen.begin(), seen.end(), id(r)) == seen.end()) {
                seen.push_back(id(r));
                std::cout << id(r) << '\n';
            }
        return ExitOk;
    }
    bool digests = a.has("digests");
    Table t(digests ? std::vector<std::string>{"REPOSITORY", "TAG", "DIGEST", "IMAGE ID", "CREATED", "SIZE"}
                    : std::vector<std::string>{"REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"});
    for (auto& r : shown) {
        std::vector<std::string> row{r.repository, r.tag};
        if (digests) row.push_back(r.digest);
        row.insert(row.end(), {id(r), ago(r.created), humanSize(static_cast<double>(r.size))});
        t.add(row);
    }
    t.print(std::cout);
    return ExitOk;
}

json inspectJson(const image::Image& img) {
    json j;
    j["Id"] = img.imageId.str();
    json tags = json::array(), digests = json::array();
    for (auto& r : img.records) {
        auto ref = image::Reference::parse(r.name);
        if (!ref) continue;
        if (!ref->tag.empty()) tags.push_back(ref->familiar());
        if (!r.repoDigest.empty()) {
            std::string d = ref->familiarRepository() + "@" + r.repoDigest;
            if (std::find(digests.begin(), digests.end(), d) == digests.end()) digests.push_back(d);
        }
    }
    j["RepoTags"] = tags;
    j["RepoDigests"] = digests;
    j["Parent"] = "";
    j["Comment"] = "";
    j["Created"] = img.config.created;
    j["Author"] = img.config.author;
    json raw = json::parse(img.config.raw, nullptr, false);
    j["Config"] = raw.is_object() && raw.contains("config") ? raw["config"] : json::object();
    j["Architecture"] = img.config.architecture;
    if (!img.config.variant.empty()) j["Variant"] = img.config.variant;
    j["Os"] = img.config.os;
    j["Size"] = img.size;
    json layers = json::array();
    for (auto& d : img.config.diffIds) layers.push_back(d.str());
    j["RootFS"] = {{"Type", "layers"}, {"Layers", layers}};
    j["Descriptor"] = {{"mediaType", img.target.mediaType}, {"digest", img.target.digest.str()}, {"size", img.target.size}};
    return j;
}

int runInspect(Context& ctx, const ParsedArgs& a) {
    json all = json::array();
    int rc = ExitOk;
    for (auto& name : a.positional) {
        auto img = ctx.engine()->inspectImage(name);
        if (!img) {
            rc = reportError(img.error());
            continue;
        }
        all.push_back(inspectJson(*img));
    }
    return printInspect(all, a.value("format")) ? rc : ExitUsage;
}

int runHistory(Context& ctx, const ParsedArgs& a) {
    auto img = ctx.engine()->inspectImage(a.positional[0]);
    if (!img) return reportError(img.error());
    bool noTrunc = a.has("no-trunc"), quiet = a.has("quiet");
    std::vector<std::uint64_t> layerSizes;
    for (auto& c : img->chainIds) {
        auto info = ctx.engine()->store().snapshots().info(c);
        layerSizes.push_back(info ? info->size : 0);
    }
    // Pair history entries with layers: each non-empty entry consumes the next layer.
    struct Row { std::string created, createdBy, comment; std::uint64_t size; };
    std::vector<Row> rows;
    std::size_t layer = 0;
    for (auto& h : img->config.history) {
        std::uint64_t size = 0;
        if (!h.emptyLayer && layer < layerSizes.size()) size = layerSizes[layer++];
        rows.push_back({h.created, h.createdBy, h.comment, size});
    }
    for (; layer < layerSizes.size(); ++layer) rows.push_back({img->config.created, "", "", layerSizes[layer]});
    std::string id = noTrunc ? img->imageId.str() : img->imageId.shortId();
    if (quiet) {
        std::cout << id << '\n';
        return ExitOk;
    }
    Table t({"IMAGE", "CREATED", "CREATED BY", "SIZE", "COMMENT"});
    for (std::size_t i = rows.size(); i-- > 0;) {
        std::string by = noTrunc ? rows[i].createdBy : truncate(rows[i].createdBy, 45);
        t.add({i + 1 == rows.size() ? id : "<missing>", ago(rows[i].created), by,
               humanSize(static_cast<double>(rows[i].size)), rows[i].comment});
    }
    t.print(std::cout);
    return ExitOk;
}

int runTag(Context& ctx, const ParsedArgs& a) {
    auto st = ctx.engine()->tag(a.positional[0], a.positional[1]);
    return st ? ExitOk : reportError(st.error());
}

int runRmi(Context& ctx, const ParsedArgs& a) {
    int rc = ExitOk;
    for (auto& name : a.positional) {
        auto r = ctx.engine()->removeImage(name, a.has("force"));
        if (!r) {
            rc = reportError(r.error());
            continue;
        }
        for (auto& u : r->untagged) std::cout << "Untagged: " << u << '\n';
        for (auto& d : r->deleted) std::cout << "Deleted: " << d << '\n';
    }
    return rc;
}

bool confirm(const std::string& warning) {
    std::cout << warning << "\nAre you sure you want to continue? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    return answer == "y" || answer == "Y" || answer == "yes";
}

int runPrune(Context& ctx, const ParsedArgs& a) {
    bool all = a.has("all");
    if (!a.has("force") &&
        !confirm(all ? "WARNING! This will remove all images without at least one container associated to them."
                     : "WARNING! This will remove all dangling images."))
        return ExitOk;
    auto r = ctx.engine()->pruneImages(all);
    if (!r) return reportError(r.error());
    if (!r->deleted.empty()) {
        std::cout << "Deleted Images:\n";
        for (auto& d : r->deleted) std::cout << "deleted: " << d << '\n';
        std::cout << '\n';
    }
    std::cout << "Total reclaimed space: " << humanSize(static_cast<double>(r->reclaimedBytes)) << '\n';
    return ExitOk;
}

} // namespace

int imageInspect(Context& ctx, const ParsedArgs& a) { return runInspect(ctx, a); }

std::vector<Command> imageCommands() {
    const std::vector<FlagSpec> pullFlags = {{"platform", 0, true, "Set platform if server is multi-platform capable"},
                                             {"quiet", 'q', false, "Suppress verbose output"},
                                             {"all-tags", 'a', false, "(not supported yet)"}};
    const std::vector<FlagSpec> imagesFlags = {{"all", 'a', false, "Show all images (default hides intermediate images)"},
                                               {"quiet", 'q', false, "Only show image IDs"},
                                               {"digests", 0, false, "Show digests"},
                                               {"no-trunc", 0, false, "Don't truncate output"}};
    const std::vector<FlagSpec> inspectFlags = {{"format", 'f', true, "Format output using a Go template subset"}};
    const std::vector<FlagSpec> historyFlags = {{"no-trunc", 0, false, "Don't truncate output"},
                                                {"quiet", 'q', false, "Only show image IDs"},
                                                {"human", 'H', false, "Print sizes and dates in human readable format (default)"}};
    const std::vector<FlagSpec> rmiFlags = {{"force", 'f', false, "Force removal of the image"},
                                            {"no-prune", 0, false, "Do not delete untagged parents"}};
    const std::vector<FlagSpec> pruneFlags = {{"all", 'a', false, "Remove all unused images, not just dangling ones"},
                                              {"force", 'f', false, "Do not prompt for confirmation"}};
    std::vector<Command> c;
    for (const char* n : {"pull", "image pull"})
        c.push_back({n, std::string(n) + " [OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry", pullFlags, runPull, 1, 1});
    for (const char* n : {"images", "image ls", "image list"})
        c.push_back({n, std::string(n) + " [OPTIONS] [REPOSITORY[:TAG]]", "List images", imagesFlags, runImages, 0, 1});
    c.push_back({"image inspect", "image inspect [OPTIONS] IMAGE [IMAGE...]", "Display detailed information on one or more images",
                 inspectFlags, runInspect, 1});
    for (const char* n : {"history", "image history"})
        c.push_back({n, std::string(n) + " [OPTIONS] IMAGE", "Show the history of an image", historyFlags, runHistory, 1, 1});
    for (const char* n : {"tag", "image tag"})
        c.push_back({n, std::string(n) + " SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
                     "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", {}, runTag, 2, 2});
    for (const char* n : {"rmi", "image rm"})
        c.push_back({n, std::string(n) + " [OPTIONS] IMAGE [IMAGE...]", "Remove one or more images", rmiFlags, runRmi, 1});
    c.push_back({"image prune", "image prune [OPTIONS]", "Remove unused images", pruneFlags, runPrune, 0, 0});
    return c;
}

} // namespace berth::cli
