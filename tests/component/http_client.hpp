#pragma once
// A small blocking HTTP/1.1 client over loopback for component tests: it plays a runtime (or a
// curl) against the Runtime API exactly on the wire, one keep-alive connection per client.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace lemu::test {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;

    std::string header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? std::string() : it->second;
    }
};

class HttpClient {
public:
    using Fields = std::vector<std::pair<std::string, std::string>>;

    explicit HttpClient(std::string host_port);

    HttpReply request(const std::string& method, const std::string& target, const std::string& body = {},
                      const Fields& fields = {});
    // Sends only the head of a request announcing `content_length` bytes, and reads the reply the
    // server sends without waiting for the body (an oversized /response is answered this way).
    HttpReply head_only(const std::string& method, const std::string& target, std::size_t content_length);

private:
    void connect();
    HttpReply read_reply();

    std::string host_;
    std::string port_;
    boost::asio::io_context io_;
    std::optional<boost::asio::ip::tcp::socket> socket_;
    std::string buffer_;
};

}  // namespace lemu::test
