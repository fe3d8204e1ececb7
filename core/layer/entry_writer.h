#pragma once
// Writes the entries of one layer tar into its directory, in overlay form, one entry at a time.
// Every object is created relative to a directory fd that RootResolver found inside the root;
// the last component is never followed (O_EXCL | O_NOFOLLOW creates, *at(AT_SYMLINK_NOFOLLOW)
// attribute calls), so nothing outside the root can be read, written or chmod-ed through a link.
// Directory modes and times are set in finish(), once their children exist.
#include "layer/layer_applier.h"
#include "layer/lower_layers.h"
#include "layer/root_resolver.h"
#include "layer/tar_reader.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace berth::layer {

class EntryWriter final : public DirMaker {
public:
    EntryWriter(RootResolver& root, const ApplyOptions& options);

    // Writes one entry, reading its data from reader. Errors do not name the entry.
    Status write(const LayerEntry& entry, TarReader& reader);
    // Applies the deferred directory modes and times and drops AUFS leftovers.
    Status finish();
    // Creates a directory the tar only implies (see LowerLayers).
    Status makeDir(int parentFd, const char* name, std::string_view realPath) override;

private:
    Status writeRootDir(const LayerEntry& e);
    Status writeWhiteout(int dirFd, const LayerEntry& e);
    Status writeOpaque(int dirFd);
    Status writeDir(int dirFd, const LayerEntry& e);
    Status writeFile(int dirFd, const LayerEntry& e, TarReader& reader);
    Status writeSymlink(int dirFd, const LayerEntry& e);
    Status writeHardlink(int dirFd, const LayerEntry& e);
    Status writeNode(int dirFd, const LayerEntry& e);
    Result<UniqueFd> hardlinkTarget(const LayerEntry& e);

    // Removes what is at m_base in dirFd so an entry can take its place (last entry wins).
    // Updates dirFd when cached descriptors had to be dropped.
    Status replaceExisting(int& dirFd);
    Status setOwnerAt(int dirFd, const LayerEntry& e);
    // The error for a failed chown; in a user namespace EINVAL means the id is not mapped.
    Status chownFail(const LayerEntry& e) const;
    Status setXattrs(int fd, int dirFd, const LayerEntry& e, bool isSymlink);
    Status setModeAndTimesAt(int dirFd, const LayerEntry& e);
    void deferDir(std::string_view path, unsigned mode, timespec mtime, timespec atime);

    struct DeferredDir {
        std::string path;
        unsigned mode = 0;
        timespec times[2]{};
    };

    RootResolver& m_root;
    const ApplyOptions& m_options;
    LowerLayers m_lowers;
    const bool m_isRoot;    // real root: devices and trusted.* xattrs can be written
    const bool m_userXattr; // opaque directories carry user.overlay.opaque
    std::string m_path;   // the cleaned entry path
    std::string m_base;   // its last component, NUL-terminated for the *at() calls
    std::string m_target; // a cleaned hardlink target
    UniqueFd m_pinned;    // keeps a parent fd alive across a cache invalidation
    std::vector<DeferredDir> m_dirs;
    std::unordered_map<std::string, std::size_t> m_dirIndex;
    bool m_sawAufsLinks = false;
};

} // namespace berth::layer
