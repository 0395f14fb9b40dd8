#include "emulator/control/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <system_error>

namespace lemu::control {
namespace {

std::system_error io_error(const std::string& what) {
    return std::system_error(errno, std::generic_category(), what);
}

void write_all(int fd, std::string_view data, const std::string& path) {
    while (!data.empty()) {
        ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            throw io_error("write " + path);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void fsync_dir(const std::filesystem::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        throw io_error("open " + dir.string());
    }
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) {
        throw io_error("fsync " + dir.string());
    }
}

std::atomic<unsigned> g_temp_counter{0};  // only makes temp names unique within the process

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view data) {
    const std::filesystem::path dir =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    const std::string temp = (dir / (target.filename().string() + ".tmp." + std::to_string(::getpid()) + "." +
                                     std::to_string(g_temp_counter.fetch_add(1))))
                                 .string();
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw io_error("open " + temp);
    }
    try {
        write_all(fd, data, temp);
        if (::fsync(fd) != 0) {
            throw io_error("fsync " + temp);
        }
    } catch (...) {
        ::close(fd);
        ::unlink(temp.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        auto error = io_error("rename " + temp);
        ::unlink(temp.c_str());
        throw error;
    }
    fsync_dir(dir);
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace lemu::control
