#include "emulator/app/quickstart.hpp"

#include <fstream>

namespace lemu {

std::filesystem::path write_quickstart(const std::filesystem::path& dir) {
    for (const EmbeddedFile& file : quickstart_files()) {
        std::filesystem::path target = dir / file.path;
        std::filesystem::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out << file.text;
        if (!out) {
            throw std::runtime_error("cannot write " + target.string());
        }
    }
    return dir / "lemu.json";
}

}  // namespace lemu
