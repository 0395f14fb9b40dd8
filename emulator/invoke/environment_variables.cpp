#include "emulator/invoke/environment_variables.hpp"

#include <fmt/format.h>

#include <ctime>

#include "emulator/core/text.hpp"

namespace lemu::invoke {
namespace {

std::string sub(const std::filesystem::path& dir, std::string_view child) {
    return (dir / child).string();
}

void platform_defaults(const EnvironmentInputs& in, std::map<std::string, std::string>& env) {
    const std::string task = in.spec.code_dir.string();
    const std::filesystem::path& opt = in.spec.opt_dir;
    const bool has_opt = !opt.empty();

    std::vector<std::string> path = in.path_prefix;
    for (const char* dir : {"/usr/local/bin", "/usr/bin", "/bin"}) {
        path.emplace_back(dir);
    }
    if (has_opt) {
        path.push_back(sub(opt, "bin"));
    }
    env["PATH"] = join(path, ":");

    std::vector<std::string> libs{task, sub(in.spec.code_dir, "lib")};
    if (has_opt) {
        libs.push_back(sub(opt, "lib"));
    }
    env["LD_LIBRARY_PATH"] = join(libs, ":");
    env["LANG"] = "en_US.UTF-8";

    if (in.family == RuntimeFamily::Python) {
        std::vector<std::string> python{in.runtime_dir.string()};
        if (has_opt) {
            python.push_back(sub(opt, "python"));
            python.push_back(sub(opt, "python/lib/" + in.spec.runtime + "/site-packages"));
        }
        env["PYTHONPATH"] = join(python, ":");
    }
    if (in.family == RuntimeFamily::Node) {
        std::vector<std::string> node;
        if (has_opt) {
            // nodejs20.x -> /opt/nodejs/node20/node_modules
            std::string major = in.spec.runtime.substr(0, in.spec.runtime.find('.'));
            if (major.starts_with("nodejs")) {
                node.push_back(sub(opt, "nodejs/node" + major.substr(6) + "/node_modules"));
            }
            node.push_back(sub(opt, "nodejs/node_modules"));
        }
        node.push_back(sub(in.runtime_dir, "node_modules"));
        node.push_back(in.runtime_dir.string());
        node.push_back(task);
        env["NODE_PATH"] = join(node, ":");
    }
    if (!in.edge_endpoint.empty()) {
        for (const char* key :
             {"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_LAMBDA", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL_S3"}) {
            env[key] = in.edge_endpoint;
        }
    }
}

}  // namespace

std::map<std::string, std::string> build_environment(const EnvironmentInputs& in) {
    std::map<std::string, std::string> env;
    platform_defaults(in, env);

    for (const auto& [key, value] : in.spec.variables) {
        env[key] = value;
    }

    env["AWS_ACCESS_KEY_ID"] = in.credentials.access_key_id;
    env["AWS_SECRET_ACCESS_KEY"] = in.credentials.secret_access_key;
    env["AWS_SESSION_TOKEN"] = in.credentials.session_token;

    env["_HANDLER"] = in.spec.handler;
    if (std::string exec_env = execution_env_name(in.family, in.spec.runtime); !exec_env.empty()) {
        env["AWS_EXECUTION_ENV"] = exec_env;
    } else {
        env.erase("AWS_EXECUTION_ENV");
    }
    env["AWS_LAMBDA_LOG_GROUP_NAME"] =
        in.spec.log_group.empty() ? "/aws/lambda/" + in.spec.function_name : in.spec.log_group;
    env["AWS_LAMBDA_LOG_STREAM_NAME"] = in.log_stream;
    env["LAMBDA_TASK_ROOT"] = in.spec.code_dir.string();
    env["LAMBDA_RUNTIME_DIR"] = in.runtime_dir.string();

    env["AWS_REGION"] = in.region;
    env["AWS_DEFAULT_REGION"] = in.region;
    env["AWS_LAMBDA_FUNCTION_NAME"] = in.spec.function_name;
    env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = std::to_string(in.spec.memory_mb);
    env["AWS_LAMBDA_FUNCTION_VERSION"] = in.spec.version;
    env["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand";
    env["AWS_LAMBDA_RUNTIME_API"] = in.runtime_api;
    env["TZ"] = ":UTC";
    return env;
}

std::string log_stream_name(TimePoint created, std::string_view version, std::string_view hex32) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(created);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}/{:02}/{:02}/[{}]{}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, version,
                       hex32);
}

std::string execution_env_name(RuntimeFamily family, std::string_view runtime) {
    if (family == RuntimeFamily::Provided) {
        return {};
    }
    return fmt::format("AWS_Lambda_{}", runtime);
}

}  // namespace lemu::invoke
