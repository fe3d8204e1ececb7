#include "tar_builder.h"

#include <archive.h>
#include <archive_entry.h>

#include <stdexcept>
#include <sys/stat.h>

namespace berth::test {

TarBuilder& TarBuilder::file(const std::string& path, const std::string& content, unsigned mode) {
    TarEntry e;
    e.path = path;
    e.content = content;
    e.mode = mode;
    return add(e);
}
TarBuilder& TarBuilder::dir(const std::string& path, unsigned mode) {
    TarEntry e;
    e.type = TarEntry::Type::Dir;
    e.path = path;
    e.mode = mode;
    return add(e);
}
TarBuilder& TarBuilder::symlink(const std::string& path, const std::string& target) {
    TarEntry e;
    e.type = TarEntry::Type::Symlink;
    e.path = path;
    e.linkname = target;
    e.mode = 0777;
    return add(e);
}
TarBuilder& TarBuilder::hardlink(const std::string& path, const std::string& target) {
    TarEntry e;
    e.type = TarEntry::Type::Hardlink;
    e.path = path;
    e.linkname = target;
    return add(e);
}
TarBuilder& TarBuilder::add(TarEntry e) {
    m_entries.push_back(std::move(e));
    return *this;
}

static la_ssize_t appendCb(struct archive*, void* client, const void* buf, size_t n) {
    static_cast<std::string*>(client)->append(static_cast<const char*>(buf), n);
    return static_cast<la_ssize_t>(n);
}

static std::string writeArchive(const std::vector<TarEntry>& entries, Compression c) {
    std::string out;
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    if (c == Compression::Gzip) archive_write_add_filter_gzip(a);
    else if (c == Compression::Zstd) archive_write_add_filter_zstd(a);
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr, appendCb, nullptr);
    for (const TarEntry& e : entries) {
        archive_entry* en = archive_entry_new();
        archive_entry_set_pathname(en, e.path.c_str());
        archive_entry_set_uid(en, e.uid);
        archive_entry_set_gid(en, e.gid);
        archive_entry_set_mtime(en, e.mtime, 0);
        unsigned type = AE_IFREG;
        switch (e.type) {
        case TarEntry::Type::File: type = AE_IFREG; break;
        case TarEntry::Type::Dir: type = AE_IFDIR; break;
        case TarEntry::Type::Symlink: type = AE_IFLNK; break;
        case TarEntry::Type::Hardlink: type = AE_IFREG; break;
        case TarEntry::Type::CharDevice: type = AE_IFCHR; break;
        case TarEntry::Type::BlockDevice: type = AE_IFBLK; break;
        case TarEntry::Type::Fifo: type = AE_IFIFO; break;
        }
        archive_entry_set_filetype(en, type);
        archive_entry_set_perm(en, e.mode & 07777);
        if (e.type == TarEntry::Type::Symlink) archive_entry_set_symlink(en, e.linkname.c_str());
        if (e.type == TarEntry::Type::Hardlink) {
            archive_entry_set_hardlink(en, e.linkname.c_str());
            archive_entry_set_size(en, 0);
        } else if (e.type == TarEntry::Type::File) {
            archive_entry_set_size(en, static_cast<la_int64_t>(e.content.size()));
        }
        if (e.type == TarEntry::Type::CharDevice || e.type == TarEntry::Type::BlockDevice) {
            archive_entry_set_rdevmajor(en, e.devMajor);
            archive_entry_set_rdevminor(en, e.devMinor);
        }
        for (auto& [k, v] : e.xattrs) archive_entry_xattr_add_entry(en, k.c_str(), v.data(), v.size());
        if (archive_write_header(a, en) != ARCHIVE_OK)
            throw std::runtime_error(std::string("tar builder: ") + archive_error_string(a));
        if (e.type == TarEntry::Type::File && !e.content.empty())
            archive_write_data(a, e.content.data(), e.content.size());
        archive_entry_free(en);
    }
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

std::string TarBuilder::build(Compression c, bool truncated) const {
    std::string tar = writeArchive(m_entries, Compression::None);
    if (truncated) {
        // Drop the trailing zero blocks (at least two 512-byte blocks of zeros end an archive).
        while (tar.size() >= 512 && tar.find_first_not_of('\0', tar.size() - 512) == std::string::npos)
            tar.resize(tar.size() - 512);
    }
    return compress(tar, c);
}

std::string compress(const std::string& data, Compression c) {
    if (c == Compression::None) return data;
    std::string out;
    archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    if (c == Compression::Gzip) archive_write_add_filter_gzip(a);
    else archive_write_add_filter_zstd(a);
    archive_write_set_bytes_in_last_block(a, 1);
    archive_write_open(a, &out, nullptr, appendCb, nullptr);
    archive_entry* en = archive_entry_new();
    archive_entry_set_filetype(en, AE_IFREG);
    archive_entry_set_pathname(en, "data");
    archive_entry_set_size(en, static_cast<la_int64_t>(data.size()));
    archive_write_header(a, en);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(en);
    archive_write_close(a);
    archive_write_free(a);
    return out;
}

} // namespace berth::test
