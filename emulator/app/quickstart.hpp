#pragma once
// The quickstart `lemu up` runs when it is given no config: examples/quickstart, compiled into the binary.

#include <filesystem>
#include <string_view>
#include <vector>

namespace lemu {

struct EmbeddedFile {
    std::string_view path;  // relative to the quickstart directory
    std::string_view text;
};

const std::vector<EmbeddedFile>& quickstart_files();

// Writes the quickstart into `dir` and returns the path of its lemu.json.
std::filesystem::path write_quickstart(const std::filesystem::path& dir);

}  // namespace lemu
