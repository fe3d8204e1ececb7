#include "layer/layer_applier.h"

#include "layer/entry_writer.h"
#include "layer/root_resolver.h"
#include "layer/tar_reader.h"

namespace berth::layer {

namespace {

Result<AppliedLayer> applyInto(ByteSource& source, const std::filesystem::path& dir, const ApplyOptions& options) {
    RootResolver root = BERTH_TRY(RootResolver::open(dir));
    std::unique_ptr<TarReader> reader = BERTH_TRY(TarReader::open(source, options.limits, options.progress));
    EntryWriter writer(root, options);
    LayerEntry entry;
    while (BERTH_TRY(reader->next(entry))) {
        auto written = writer.write(entry, *reader);
        if (!written) return std::unexpected(written.error().context("entry \"" + entry.path + "\""));
    }
    BERTH_CHECK(writer.finish());
    return reader->finish();
}

} // namespace

Result<AppliedLayer> applyLayer(ByteSource& source, const std::filesystem::path& dir, const ApplyOptions& options) {
    return withContext(applyInto(source, dir, options), "applying layer");
}

} // namespace berth::layer
