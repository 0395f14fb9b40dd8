#pragma once
// Crash-safe file writes: the data goes to a temporary file in the same directory, is fsync'ed, renamed
// over the target, and the directory is fsync'ed, so after a crash at any moment the target holds
// either the old or the new content, never a mix.

#include <filesystem>
#include <string>
#include <string_view>

namespace lemu::control {

// Throws std::system_error on failure (the target is then unchanged).
void write_file_atomically(const std::filesystem::path& target, std::string_view data);
// Whole file; throws std::runtime_error when it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace lemu::control
