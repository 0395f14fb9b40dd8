#include "emulator/control/zip_archive.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <zip.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::control {
namespace {

// Extraction re-reads a package that validate_zip() already bounded.
constexpr std::uint64_t kMaxUnzippedBytesForExtract = UINT64_MAX;
constexpr std::string_view kCorrupt =
    "Could not unzip uploaded file. Please check your file, then try to upload again.";

struct ZipCloser {
    void operator()(zip_t* z) const { zip_discard(z); }
};
struct FileCloser {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;
using ZipFilePtr = std::unique_ptr<zip_file_t, FileCloser>;

AwsError corrupt(std::string_view detail = {}) {
    return AwsError(ErrorCode::InvalidParameterValue,
                    detail.empty() ? std::string(kCorrupt) : fmt::format("{} {}", kCorrupt, detail));
}

ZipPtr open_zip(std::string_view bytes) {
    constexpr std::size_t kEndOfCentralDirectory = 22;  // the smallest valid zip: an empty archive
    if (bytes.size() < kEndOfCentralDirectory) {
        throw corrupt();  // libzip would open nothing at all as an empty archive
    }
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source == nullptr) {
        zip_error_fini(&error);
        throw corrupt();
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    zip_error_fini(&error);
    if (archive == nullptr) {
        zip_source_free(source);
        throw corrupt();
    }
    return ZipPtr(archive);
}

// An entry path that would land outside the extraction directory.
bool escapes(std::string_view name) {
    if (name.empty() || name.front() == '/' || name.front() == '\\' || (name.size() > 1 && name[1] == ':')) {
        return true;
    }
    for (std::string_view part : split(name, '/')) {
        if (part == "..") {
            return true;
        }
        for (std::string_view sub : split(part, '\\')) {
            if (sub == "..") {
                return true;
            }
        }
    }
    return false;
}

// A symbolic link whose target, resolved from the link's own directory, leaves the extraction
// directory. Relative targets that stay inside are fine: npm writes node_modules/.bin/tool ->
// ../pkg/bin/tool into every package that has a command.
bool link_escapes(std::string_view link_name, std::string_view target) {
    if (target.empty() || target.front() == '/' || target.front() == '\\' ||
        (target.size() > 1 && target[1] == ':')) {
        return true;
    }
    std::vector<std::string_view> where;  // the link's directory, then the target's walk from it
    auto walk = [&where](std::string_view path, bool last_is_name) {
        std::vector<std::string_view> parts;
        for (std::string_view part : split(path, '/')) {
            for (std::string_view sub : split(part, '\\')) {
                parts.push_back(sub);
            }
        }
        if (last_is_name && !parts.empty()) {
            parts.pop_back();
        }
        for (std::string_view part : parts) {
            if (part.empty() || part == ".") {
                continue;
            }
            if (part == "..") {
                if (where.empty()) {
                    return false;
                }
                where.pop_back();
            } else {
                where.push_back(part);
            }
        }
        return true;
    };
    return !walk(link_name, true) || !walk(target, false);
}

// Unix mode from the external attributes; 0 when the entry was not made on unix.
mode_t unix_mode(zip_t* archive, zip_uint64_t index) {
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive, index, 0, &opsys, &attributes) != 0 ||
        opsys != ZIP_OPSYS_UNIX) {
        return 0;
    }
    return static_cast<mode_t>(attributes >> 16);
}

AwsError too_big(std::uint64_t limit) {
    return AwsError(ErrorCode::InvalidParameterValue,
                    fmt::format("Unzipped size must be smaller than {} bytes", limit));
}

// Reads an entry fully, calling sink(chunk) per block; returns the bytes read. Throws corrupt() on bad
// data and too_big() once more than `budget` bytes came out (declared sizes are not trusted).
template <class Sink>
std::uint64_t read_entry(zip_t* archive, zip_uint64_t index, std::uint64_t budget, std::uint64_t limit,
                         Sink&& sink) {
    ZipFilePtr file(zip_fopen_index(archive, index, 0));
    if (!file) {
        throw corrupt();
    }
    std::vector<char> buffer(64 * 1024);
    std::uint64_t total = 0;
    while (true) {
        zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
        if (n < 0) {
            throw corrupt();
        }
        if (n == 0) {
            return total;
        }
        total += static_cast<std::uint64_t>(n);
        if (total > budget) {
            throw too_big(limit);
        }
        sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
    }
}

bool is_dir_entry(std::string_view name, mode_t mode) {
    return name.ends_with('/') || S_ISDIR(mode);
}

}  // namespace

std::uint64_t validate_zip(std::string_view zip_bytes, std::uint64_t max_unzipped) {
    ZipPtr archive = open_zip(zip_bytes);
    zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    std::uint64_t total = 0;
    std::vector<std::string> links;
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        const char* raw_name = zip_get_name(archive.get(), index, ZIP_FL_ENC_RAW);
        if (raw_name == nullptr) {
            throw corrupt();
        }
        std::string_view name(raw_name);
        if (escapes(name)) {
            throw corrupt(
                fmt::format("The entry '{}' has an absolute path or leaves the extraction directory.", name));
        }
        mode_t mode = unix_mode(archive.get(), index);
        std::string link_target;
        total +=
            read_entry(archive.get(), index, max_unzipped - total, max_unzipped, [&](std::string_view chunk) {
                if (S_ISLNK(mode)) {
                    link_target.append(chunk);
                }
            });
        if (S_ISLNK(mode) && link_escapes(name, link_target)) {
            throw corrupt(
                fmt::format("The symbolic link '{}' points outside the extraction directory.", name));
        }
        if (S_ISLNK(mode)) {
            links.emplace_back(name);
        }
    }
    // A link is resolved from the directory its name shows; one placed through another link (a -> .,
    // then a/a/link -> ../..) would really sit elsewhere, so that is refused.
    for (const std::string& link : links) {
        for (const std::string& other : links) {
            if (link.starts_with(other + "/")) {
                throw corrupt(
                    fmt::format("The symbolic link '{}' points outside the extraction directory.", link));
            }
        }
    }
    return total;
}

void extract_zip(std::string_view zip_bytes, const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    ZipPtr archive = open_zip(zip_bytes);
    zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        const auto index = static_cast<zip_uint64_t>(i);
        std::string name = zip_get_name(archive.get(), index, ZIP_FL_ENC_RAW);
        mode_t mode = unix_mode(archive.get(), index);
        fs::path target = dir / fs::path(name).relative_path();
        if (is_dir_entry(name, mode)) {
            fs::create_directories(target);
            continue;
        }
        fs::create_directories(target.parent_path());
        if (fs::is_symlink(target) || fs::exists(target)) {
            fs::remove(target);
        }
        if (S_ISLNK(mode)) {
            std::string link;
            read_entry(archive.get(), index, kMaxUnzippedBytesForExtract, kMaxUnzippedBytesForExtract,
                       [&](std::string_view chunk) { link.append(chunk); });
            fs::create_symlink(link, target);
            continue;
        }
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        if (!out) {
            throw std::runtime_error("cannot write " + target.string());
        }
        read_entry(archive.get(), index, kMaxUnzippedBytesForExtract, kMaxUnzippedBytesForExtract,
                   [&](std::string_view chunk) {
                       out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                   });
        out.close();
        if (!out) {
            throw std::runtime_error("cannot write " + target.string());
        }
        // Keep the package's permission bits (exec bits matter for bootstrap); default rw-r--r--.
        const auto perms = static_cast<fs::perms>((mode & 07777) != 0 ? (mode & 0777) : 0644);
        fs::permissions(target, perms, fs::perm_options::replace);
    }
}

std::string zip_directory(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (buffer == nullptr) {
        throw std::runtime_error("cannot create a zip buffer");
    }
    zip_source_keep(buffer);  // we read the bytes back after zip_close
    std::unique_ptr<zip_source_t, decltype(&zip_source_free)> keep(buffer, &zip_source_free);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        throw std::runtime_error("cannot create a zip archive");
    }
    ZipPtr owner(archive);
    std::vector<std::string> contents;  // zip_source_buffer borrows until zip_close
    contents.reserve(files.size());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        contents.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof()) {
            throw std::runtime_error("cannot read " + file.string());
        }
        const std::string& data = contents.back();
        zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
        std::string name = std::filesystem::relative(file, dir).generic_string();
        zip_int64_t index = source == nullptr ? -1 : zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            throw std::runtime_error("cannot add " + name + " to a zip");
        }
        auto mode = static_cast<zip_uint32_t>(std::filesystem::status(file).permissions()) | S_IFREG;
        zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX, mode << 16);
        zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), 315532800, 0);  // fixed: stable digests
    }
    zip_t* finishing = owner.release();
    if (zip_close(finishing) != 0) {
        zip_discard(finishing);
        throw std::runtime_error("cannot finish a zip archive");
    }
    zip_stat_t stat;
    if (zip_source_open(buffer) != 0 || zip_source_stat(buffer, &stat) != 0) {
        throw std::runtime_error("cannot read back a zip archive");
    }
    std::string bytes(static_cast<std::size_t>(stat.size), '\0');
    zip_int64_t n = zip_source_read(buffer, bytes.data(), stat.size);
    zip_source_close(buffer);
    if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size) {
        throw std::runtime_error("cannot read back a zip archive");
    }
    return bytes;
}

}  // namespace lemu::control
