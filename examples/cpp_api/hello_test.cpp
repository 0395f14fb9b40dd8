// A Catch2 test as a project using lemu would write it: lemu runs inside the test process on a free
// port; the test deploys its function with the Lambda API (here over a few lines of plain HTTP; any AWS
// SDK pointed at lemu.endpoint() works the same) and invokes it with lemu::Emulator::invoke.

#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>

#include "emulator/app/emulator.hpp"
#include "emulator/core/encoding.hpp"

namespace {

// POST to lemu on 127.0.0.1:port; returns the HTTP status. One request per connection.
int post(std::uint16_t port, const std::string& path, const std::string& body) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot connect to lemu");
    }
    std::string request = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                          "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
                          "\r\n\r\n" + body;
    for (std::size_t sent = 0; sent < request.size();) {
        ssize_t n = ::write(fd, request.data() + sent, request.size() - sent);
        if (n <= 0) {
            throw std::runtime_error("cannot send to lemu");
        }
        sent += static_cast<std::size_t>(n);
    }
    std::string reply;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) {
        reply.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return reply.size() > 12 ? std::stoi(reply.substr(9, 3)) : 0;  // "HTTP/1.1 201 Created"
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("the hello function greets through its live alias") {
    lemu::Config config;
    config.server.port = 0;  // any free port
    config.server.log_level = "warn";
    lemu::Emulator lemu;
    lemu.start(config);

    nlohmann::json function = {{"FunctionName", "hello"},
                               {"Runtime", "provided.al2023"},
                               {"Handler", "bootstrap"},
                               {"Role", "arn:aws:iam::000000000000:role/lambda"},
                               {"Code", {{"ZipFile", lemu::base64_encode(read_file(HELLO_ZIP))}}}};
    REQUIRE(post(lemu.port(), "/2015-03-31/functions", function.dump()) == 201);
    REQUIRE(post(lemu.port(), "/2015-03-31/functions/hello/versions", "{}") == 201);
    REQUIRE(post(lemu.port(), "/2015-03-31/functions/hello/aliases", R"({"Name":"live","FunctionVersion":"1"})") ==
            201);

    lemu::InvokeOutput out = lemu.invoke("hello", "live", R"({"name":"lemu"})");
    INFO(out.log_tail);  // the function's log (START ... REPORT), printed if a check fails
    REQUIRE_FALSE(out.failed());
    CHECK(out.executed_version == "1");
    CHECK(nlohmann::json::parse(out.payload) == nlohmann::json{{"greeting", "hello, lemu"}, {"version", "1"}});

    CHECK(nlohmann::json::parse(lemu.invoke("hello", "{}").payload)["greeting"] == "hello, world");
    lemu.stop();  // also done by the destructor
}
