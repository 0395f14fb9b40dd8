// `lemu`: parses the command line and runs an Emulator. Everything else lives in the libraries.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include "emulator/app/emulator.hpp"
#include "emulator/app/quickstart.hpp"
#include "emulator/app/version.hpp"
#include "emulator/core/log.hpp"

namespace {

constexpr int kUsageError = 2;

// Written to a temporary file and renamed, so a reader polling for it never sees half a line.
void write_ready_file(const std::string& path, const std::string& url) {
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << url << '\n';
        if (!out.flush()) {
            throw std::runtime_error("cannot write ready file " + path);
        }
    }
    std::filesystem::rename(tmp, path);
}

void print_quickstart_help(const std::string& url) {
    std::cout << "\nQuickstart: function 'quickstart' has versions 1 and 2; alias 'live' sends 90% of invocations to 1\n"
                 "and 10% to 2. Try (AWS CLI v1 or v2; the credentials are never checked):\n\n"
              << "  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1\n"
              << "  echo '{\"name\":\"you\"}' > event.json\n"
              << "  aws --endpoint-url " << url
              << " lambda invoke --function-name quickstart:live --payload fileb://event.json out.json && cat out.json\n"
              << "  aws --endpoint-url " << url << " lambda get-alias --function-name quickstart --name live\n"
              << "  aws --endpoint-url " << url
              << " lambda update-alias --function-name quickstart --name live \\\n"
                 "      --function-version 2 --routing-config AdditionalVersionWeights={}\n"
              << "  aws --endpoint-url " << url << " lambda list-versions-by-function --function-name quickstart\n"
              << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"lemu: a local AWS Lambda emulator (versions, aliases, policies, event sources)", "lemu"};
    app.set_version_flag("--version", std::string(lemu::kVersion));
    app.require_subcommand(0, 1);

    lemu::Config config;
    std::string config_file;
    bool empty = false;
    std::string port_text = "4566";
    CLI::App* up = app.add_subcommand("up", "Start lemu on one edge port and serve until SIGINT/SIGTERM");
    up->add_option("config", config_file, "JSON config with functions, aliases, queues, ... (default: quickstart)")
        ->check(CLI::ExistingFile);
    up->add_flag("--empty", empty, "Start with no resources (test-harness mode)");
    up->add_option("--host", config.server.host, "Address to bind")->capture_default_str();
    up->add_option("--port", config.server.port, "Edge port; 0 picks a free one")->capture_default_str();
    up->add_option("--ready-file", config.server.ready_file, "Write the endpoint URL here once ready");
    up->add_option("--state-dir", config.server.state_dir, "Keep control-plane state here across restarts");
    up->add_option("--region", config.server.home.region, "AWS region to emulate")->capture_default_str();
    up->add_option("--account", config.server.home.account, "12-digit account id")
        ->capture_default_str()
        ->check([](const std::string& v) {
            return v.size() == 12 && v.find_first_not_of("0123456789") == std::string::npos
                       ? std::string{}
                       : std::string("must be 12 digits");
        });
    up->add_option("--log-level", config.server.log_level, "trace, debug, info, warn, error or off")
        ->capture_default_str()
        ->check([](const std::string& v) {
            return lemu::log::is_level(v) ? std::string{} : std::string("unknown log level");
        });
    up->add_option("--io-threads", config.server.io_threads, "I/O threads; 0 = min(4, cores)");
    up->add_flag("--legacy-function-url-auth", config.server.legacy_function_url_auth,
                 "Function URLs need only lambda:InvokeFunctionUrl, not also lambda:InvokeFunction");
    up->add_option("--concurrency-limit", config.engine.account_concurrency,
                   "The account's concurrent executions (AWS's default 1000); beyond it Invoke answers 429")
        ->capture_default_str()
        ->check(CLI::Range(1, 100000));
    up->add_option_function<double>(
          "--idle-timeout",
          [&config](double seconds) {
              config.engine.idle_timeout =
                  std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
          },
          "Seconds an idle execution environment is kept before its process is stopped (default 300)")
        ->check(CLI::PositiveNumber);
    up->add_option("--async-retry-scale", config.engine.async_time_scale,
                   "Scale Event-invocation retry delays (AWS: ~1 min, then ~2 min); 0.01 waits 0.6 s, then 1.2 s")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsageError;
    }
    if (!up->parsed()) {
        std::cout << app.help();
        return 0;
    }
    std::filesystem::path quickstart_dir;
    try {
        if (!config_file.empty()) {
            config.resources = lemu::load_resource_spec(config_file);
        } else if (!empty) {
            quickstart_dir = std::filesystem::temp_directory_path() /
                             ("lemu-quickstart-" + std::to_string(::getpid()));
            config.resources = lemu::load_resource_spec(lemu::write_quickstart(quickstart_dir));
        }
    } catch (const lemu::ConfigError& e) {
        std::cerr << "lemu: config error at " << e.path << ": " << e.reason << '\n';
        return kUsageError;
    }
    if (config.resources.region && up->count("--region") == 0) {
        config.server.home.region = *config.resources.region;
    }
    if (config.resources.account && up->count("--account") == 0) {
        config.server.home.account = *config.resources.account;
    }

    lemu::Emulator emulator;
    try {
        emulator.start(config);
    } catch (const lemu::ConfigError& e) {
        std::cerr << "lemu: config error at " << e.path << ": " << e.reason << '\n';
        return kUsageError;
    } catch (const std::exception& e) {
        std::cerr << "lemu: cannot start: " << e.what() << '\n';
        return 1;
    }
    std::string url = emulator.endpoint();
    std::cout << "lemu ready at " << url << std::endl;
    if (!config.server.ready_file.empty()) {
        try {
            write_ready_file(config.server.ready_file, url);
        } catch (const std::exception& e) {
            std::cerr << "lemu: " << e.what() << '\n';
            emulator.stop();
            return 1;
        }
    }
    if (!quickstart_dir.empty()) {
        print_quickstart_help(url);
    }
    emulator.wait_for_shutdown_signal();
    emulator.stop();
    if (!quickstart_dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(quickstart_dir, ignored);
    }
    return 0;
}
