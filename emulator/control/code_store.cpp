#include "emulator/control/code_store.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <system_error>

#include "emulator/control/file_io.hpp"
#include "emulator/control/zip_archive.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"

namespace lemu::control {

namespace fs = std::filesystem;

CodeStore::CodeStore(fs::path root) : root_(std::move(root)) {
    fs::create_directories(root_ / "zips");
    fs::create_directories(root_ / "extracted");
    fs::create_directories(root_ / "layers");
    fs::create_directories(root_ / "tmp");
}

std::string CodeStore::hex_of(const std::string& sha256) {
    std::optional<std::string> digest = base64_decode(sha256);
    return digest && digest->size() == 32 ? hex_encode(*digest) : std::string();
}

StoredCode CodeStore::inspect(std::string_view zip_bytes) {
    if (zip_bytes.size() > kMaxZippedBytes) {
        throw AwsError(ErrorCode::RequestEntityTooLarge,
                       fmt::format("Zipped size must be smaller than {} bytes", kMaxZippedBytes));
    }
    StoredCode code;
    code.unzipped_size = validate_zip(zip_bytes, kMaxUnzippedBytes);
    const std::string digest = sha256(zip_bytes);
    code.sha256 = base64_encode(digest);
    code.hex = hex_encode(digest);
    code.size = zip_bytes.size();
    return code;
}

StoredCode CodeStore::put(std::string_view zip_bytes) {
    StoredCode code = inspect(zip_bytes);
    const fs::path path = root_ / "zips" / (code.hex + ".zip");
    if (!fs::exists(path)) {
        write_file_atomically(path, zip_bytes);
    }
    return code;
}

bool CodeStore::contains(const std::string& sha256) const {
    std::string hex = hex_of(sha256);
    return !hex.empty() && fs::exists(root_ / "zips" / (hex + ".zip"));
}

fs::path CodeStore::zip_path(const std::string& sha256) const {
    std::string hex = hex_of(sha256);
    if (hex.empty()) {
        throw std::runtime_error("not a CodeSha256: " + sha256);
    }
    return root_ / "zips" / (hex + ".zip");
}

std::string CodeStore::read(const std::string& sha256) const {
    return read_file(zip_path(sha256));
}

fs::path CodeStore::unique_temp(const fs::path& dir) {
    std::lock_guard lock(temp_mutex_);
    fs::path temp;
    do {
        temp = dir / fmt::format("{}-{}", ::getpid(), ++temp_counter_);
    } while (fs::exists(temp));
    fs::create_directories(temp);
    return temp;
}

fs::path CodeStore::extracted_dir(const std::string& sha256) {
    const fs::path target = root_ / "extracted" / hex_of(sha256);
    if (fs::exists(target)) {
        return target;
    }
    std::string zip = read(sha256);
    fs::path temp = unique_temp(root_ / "tmp");
    try {
        extract_zip(zip, temp);
    } catch (...) {
        fs::remove_all(temp);
        throw;
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove_all(temp);  // another thread won the race; its copy is identical
    }
    return target;
}

fs::path CodeStore::merged_dir(const std::vector<std::string>& sha256s) {
    std::string key;
    for (const std::string& sha : sha256s) {
        key += hex_of(sha) + ";";
    }
    const fs::path target = root_ / "layers" / hex_encode(lemu::sha256(key));
    if (fs::exists(target)) {
        return target;
    }
    fs::path temp = unique_temp(root_ / "tmp");
    try {
        for (const std::string& sha : sha256s) {
            extract_zip(read(sha), temp);  // later layers overwrite earlier files
        }
    } catch (...) {
        fs::remove_all(temp);
        throw;
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        fs::remove_all(temp);
    }
    return target;
}

}  // namespace lemu::control
