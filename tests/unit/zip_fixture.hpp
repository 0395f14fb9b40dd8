#pragma once
// Builds zip archives in memory for tests (libzip), with per-entry unix modes.

#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace lemu::testing {

struct ZipEntry {
    std::string name;
    std::string content;
    unsigned mode = 0100644;  // regular file rw-r--r--
};

inline std::string make_zip(const std::vector<ZipEntry>& entries) {
    auto path = std::filesystem::temp_directory_path() /
                ("lemu-zip-" + std::to_string(reinterpret_cast<std::uintptr_t>(&entries)) + ".zip");
    int error = 0;
    zip_t* archive = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (archive == nullptr) {
        throw std::runtime_error("zip_open failed");
    }
    for (const ZipEntry& e : entries) {
        zip_source_t* source = zip_source_buffer(archive, e.content.data(), e.content.size(), 0);
        zip_int64_t index = zip_file_add(archive, e.name.c_str(), source, ZIP_FL_ENC_RAW | ZIP_FL_OVERWRITE);
        if (index < 0) {
            zip_source_free(source);
            throw std::runtime_error("zip_file_add failed");
        }
        zip_file_set_external_attributes(archive, static_cast<zip_uint64_t>(index), 0, ZIP_OPSYS_UNIX,
                                         static_cast<zip_uint32_t>(e.mode) << 16);
    }
    if (zip_close(archive) != 0) {
        throw std::runtime_error("zip_close failed");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    std::filesystem::remove(path);
    return out.str();
}

}  // namespace lemu::testing
