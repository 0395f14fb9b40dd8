#include "emulator/control/file_io.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <system_error>
#include <thread>

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

// A new file next to the target, unique among concurrent writers (O_EXCL decides).
int create_temp(const std::filesystem::path& target, std::string& temp) {
    const std::size_t thread = std::hash<std::thread::id>{}(std::this_thread::get_id());
    for (unsigned attempt = 0;; ++attempt) {
        temp = target.string() + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(thread) + "." +
               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "." +
               std::to_string(attempt);
        int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd >= 0 || errno != EEXIST) {
            return fd;
        }
    }
}

}  // namespace

void write_file_atomically(const std::filesystem::path& target, std::string_view data) {
    const std::filesystem::path dir =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string temp;
    int fd = create_temp(target, temp);
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
