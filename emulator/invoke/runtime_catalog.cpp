#include "emulator/invoke/runtime_catalog.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>

#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"

namespace lemu::invoke {

namespace fs = std::filesystem;

namespace {

bool is_executable_file(const fs::path& path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

bool is_script(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::array<char, 2> magic{};
    in.read(magic.data(), magic.size());
    return in.gcount() == 2 && magic[0] == '#' && magic[1] == '!';
}

// A wrapper script on PATH (pyenv's shims) would cost a shell and a version lookup on every cold start
// and needs the developer's environment: ask the interpreter where it really lives, once.
std::optional<fs::path> real_python(const fs::path& candidate) {
    std::string quoted = "'";
    for (char c : candidate.string()) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    quoted += "'";
    std::string command = quoted + " -c 'import sys; sys.stdout.write(sys.executable)' 2>/dev/null";
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return std::nullopt;
    }
    std::string out;
    std::array<char, 512> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        out.append(buffer.data(), n);
    }
    int status = ::pclose(pipe);
    if (status != 0 || out.empty() || !is_executable_file(out)) {
        return std::nullopt;
    }
    return fs::path(out);
}

}  // namespace

std::string sandbox_path(const ExecutionSpec& spec, const fs::path& path) {
    auto under = [&path](const fs::path& root, std::string_view sandbox) -> std::optional<std::string> {
        if (root.empty()) {
            return std::nullopt;
        }
        fs::path relative = path.lexically_relative(root);
        if (relative.empty() || relative.native().starts_with("..")) {
            return std::nullopt;
        }
        return (fs::path(sandbox) / relative).string();
    };
    if (auto task = under(spec.code_dir, "/var/task")) {
        return *task;
    }
    if (auto opt = under(spec.opt_dir, "/opt")) {
        return *opt;
    }
    return path.string();
}

fs::path host_path(const ExecutionSpec& spec, std::string_view sandbox) {
    auto under = [&](std::string_view root, const fs::path& host) -> std::optional<fs::path> {
        if (host.empty() || !sandbox.starts_with(root) || sandbox.size() == root.size() ||
            sandbox[root.size()] != '/') {
            return std::nullopt;
        }
        return host / sandbox.substr(root.size() + 1);
    };
    if (auto task = under("/var/task", spec.code_dir)) {
        return *task;
    }
    if (auto opt = under("/opt", spec.opt_dir)) {
        return *opt;
    }
    return fs::path(sandbox);
}

RuntimeCatalog::RuntimeCatalog(fs::path shim_dir, std::string search_path) : shim_dir_(std::move(shim_dir)) {
    for (std::string_view dir : split(search_path, ':')) {
        if (!dir.empty()) {
            search_path_.emplace_back(dir);
        }
    }
}

std::optional<RuntimeFamily> RuntimeCatalog::family_of(std::string_view runtime) {
    if (runtime == "provided" || runtime.starts_with("provided.")) {
        return RuntimeFamily::Provided;
    }
    if (runtime.starts_with("python3.")) {
        return RuntimeFamily::Python;
    }
    if (runtime.starts_with("nodejs") && runtime.ends_with(".x")) {
        return RuntimeFamily::Node;
    }
    return std::nullopt;
}

RuntimeResolution RuntimeCatalog::resolve(const ExecutionSpec& spec) const {
    switch (family_of(spec.runtime).value_or(RuntimeFamily::Provided)) {
        case RuntimeFamily::Python:
            return wrapped(spec, resolve_python(spec));
        case RuntimeFamily::Node:
            return wrapped(spec, resolve_node(spec));
        case RuntimeFamily::Provided:
            break;
    }
    if (!family_of(spec.runtime)) {
        return StartupFailure{
            fmt::format("lemu cannot run the {} runtime (supported: provided.al2023, provided.al2, "
                        "python3.x, nodejs18.x and later)",
                        spec.runtime)};
    }
    return resolve_provided(spec);
}

RuntimeResolution RuntimeCatalog::wrapped(const ExecutionSpec& spec, RuntimeResolution resolution) {
    auto wrapper = spec.variables.find("AWS_LAMBDA_EXEC_WRAPPER");
    auto* command = std::get_if<LaunchCommand>(&resolution);
    if (wrapper == spec.variables.end() || wrapper->second.empty() || command == nullptr) {
        return resolution;
    }
    // As AWS's own runtime bootstrap does, a shell execs the wrapper with the runtime's command line as
    // its arguments: a wrapper that is missing or not executable ends the runtime with exit status
    // 127 or 126, which the first invocation reports as Runtime.ExitError.
    std::vector<std::string> args = {"-c", "exec \"$0\" \"$@\"", host_path(spec, wrapper->second).string(),
                                      command->executable.string()};
    args.insert(args.end(), command->args.begin(), command->args.end());
    command->executable = "/bin/sh";
    command->args = std::move(args);
    return resolution;
}

RuntimeResolution RuntimeCatalog::resolve_provided(const ExecutionSpec& spec) const {
    std::vector<fs::path> candidates{spec.code_dir / "bootstrap"};
    if (!spec.opt_dir.empty()) {
        candidates.push_back(spec.opt_dir / "bootstrap");
    }
    for (const fs::path& candidate : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec)) {
            // Not being executable is reported by exec itself, with AWS's "fork/exec ..." text.
            LaunchCommand command;
            command.executable = candidate;
            command.runtime_dir = shim_dir_;
            return command;
        }
    }
    return StartupFailure{"Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"};
}

RuntimeResolution RuntimeCatalog::resolve_python(const ExecutionSpec& spec) const {
    std::optional<fs::path> python = interpreter({spec.runtime, "python3"});
    if (!python) {
        return StartupFailure{fmt::format("lemu found neither {} nor python3 on PATH to run the {} runtime",
                                          spec.runtime, spec.runtime)};
    }
    LaunchCommand command;
    command.executable = *python;
    command.runtime_dir = shim_dir_ / "python";
    command.args = {"-u", (command.runtime_dir / "bootstrap.py").string()};
    command.family = RuntimeFamily::Python;
    command.path_prefix = {python->parent_path().string()};
    return command;
}

RuntimeResolution RuntimeCatalog::resolve_node(const ExecutionSpec& spec) const {
    std::optional<fs::path> node = interpreter({"node"});
    if (!node) {
        return StartupFailure{fmt::format("lemu found no node on PATH to run the {} runtime", spec.runtime)};
    }
    LaunchCommand command;
    command.executable = *node;
    command.runtime_dir = shim_dir_ / "nodejs";
    command.args = {(command.runtime_dir / "bootstrap.mjs").string()};
    command.family = RuntimeFamily::Node;
    command.path_prefix = {node->parent_path().string()};
    return command;
}

std::optional<fs::path> RuntimeCatalog::interpreter(const std::vector<std::string>& names) const {
    std::string key = join(names, "|");
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) {
        return it->second;
    }
    std::optional<fs::path> found;
    std::size_t matched = 0;  // which of `names` was found
    for (; matched < names.size() && !found; ++matched) {
        const std::string& name = names[matched];
        for (const std::string& dir : search_path_) {
            fs::path candidate = fs::path(dir) / name;
            if (!is_executable_file(candidate)) {
                continue;
            }
            found = is_script(candidate) && name.starts_with("python") ? real_python(candidate) : candidate;
            if (found) {
                break;
            }
        }
    }
    if (!found) {
        log::get("invoke")->warn("no interpreter among [{}] on PATH", join(names, ", "));
    } else if (matched > 1) {
        // Said once (the answer is cached): the function's runtime version is not the one that runs it.
        log::get("invoke")->warn("{} is not on PATH; {} functions run with {}", names.front(), names.front(),
                                 found->string());
    }
    cache_[key] = found;
    return found;
}

}  // namespace lemu::invoke
