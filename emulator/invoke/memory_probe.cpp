#include "emulator/invoke/memory_probe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <string>
#include <string_view>

namespace lemu::invoke {
namespace {

// Reads a small /proc file with plain syscalls (no iostreams: this runs once per invocation).
std::string read_proc(const std::string& path) {
    std::string out;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return out;
    }
    std::array<char, 4096> buffer{};
    while (true) {
        ssize_t n = ::read(fd, buffer.data(), buffer.size());
        if (n <= 0) {
            break;
        }
        out.append(buffer.data(), static_cast<std::size_t>(n));
        if (out.size() > 64 * 1024) {
            break;
        }
    }
    ::close(fd);
    return out;
}

// The value in kB of a "Key:   123 kB" line of /proc/PID/status.
std::uint64_t status_field_kb(std::string_view status, std::string_view key) {
    std::size_t at = status.find(key);
    if (at == std::string_view::npos) {
        return 0;
    }
    std::string_view rest = status.substr(at + key.size());
    std::size_t digit = rest.find_first_of("0123456789");
    if (digit == std::string_view::npos) {
        return 0;
    }
    std::uint64_t value = 0;
    std::from_chars(rest.data() + digit, rest.data() + rest.size(), value);
    return value;
}

std::uint64_t children_rss_kb(int pid, int depth) {
    if (depth > 8) {
        return 0;
    }
    std::string pid_text = std::to_string(pid);
    std::string children = read_proc("/proc/" + pid_text + "/task/" + pid_text + "/children");
    std::uint64_t total = 0;
    std::string_view rest(children);
    while (!rest.empty()) {
        std::size_t space = rest.find(' ');
        std::string_view token = rest.substr(0, space);
        int child = 0;
        if (std::from_chars(token.data(), token.data() + token.size(), child).ec == std::errc{} &&
            child > 0) {
            total += status_field_kb(read_proc("/proc/" + std::to_string(child) + "/status"), "VmRSS:");
            total += children_rss_kb(child, depth + 1);
        }
        if (space == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(space + 1);
    }
    return total;
}

}  // namespace

std::uint64_t process_tree_memory_kb(int pid) {
    if (pid <= 0) {
        return 0;
    }
    std::string status = read_proc("/proc/" + std::to_string(pid) + "/status");
    return status_field_kb(status, "VmHWM:") + children_rss_kb(pid, 0);
}

}  // namespace lemu::invoke
