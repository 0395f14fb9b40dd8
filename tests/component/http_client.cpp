#include "tests/component/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <array>
#include <stdexcept>

#include "emulator/core/text.hpp"

namespace lemu::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

HttpClient::HttpClient(std::string host_port) {
    auto colon = host_port.rfind(':');
    host_ = host_port.substr(0, colon);
    port_ = host_port.substr(colon + 1);
}

void HttpClient::connect() {
    tcp::resolver resolver(io_);
    socket_.emplace(io_);
    asio::connect(*socket_, resolver.resolve(host_, port_));
    buffer_.clear();
}

HttpReply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                              const Fields& fields) {
    if (!socket_) {
        connect();
    }
    std::string head = method + " " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\n";
    for (const auto& [name, value] : fields) {
        head += name + ": " + value + "\r\n";
    }
    if (method != "GET" || !body.empty()) {
        head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    head += "\r\n";
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::buffer(body)};
    asio::write(*socket_, buffers);
    return read_reply();
}

HttpReply HttpClient::head_only(const std::string& method, const std::string& target,
                                std::size_t content_length) {
    if (!socket_) {
        connect();
    }
    std::string head = method + " " + target + " HTTP/1.1\r\nHost: " + host_ +
                       "\r\nContent-Length: " + std::to_string(content_length) + "\r\n\r\n";
    asio::write(*socket_, asio::buffer(head));
    return read_reply();
}

HttpReply HttpClient::read_reply() {
    boost::system::error_code ec;
    std::size_t end = std::string::npos;
    std::array<char, 65536> chunk{};
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        std::size_t n = socket_->read_some(asio::buffer(chunk), ec);
        if (ec) {
            socket_.reset();
            throw std::runtime_error("connection closed before a reply: " + ec.message());
        }
        buffer_.append(chunk.data(), n);
    }
    HttpReply reply;
    std::string head = buffer_.substr(0, end);
    buffer_.erase(0, end + 4);
    auto lines = split(head, '\n');
    reply.status = std::stoi(std::string(lines[0].substr(9, 3)));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        std::string_view line = trim(lines[i]);
        auto colon = line.find(':');
        if (colon != std::string_view::npos) {
            reply.headers[to_lower(line.substr(0, colon))] = std::string(trim(line.substr(colon + 1)));
        }
    }
    std::size_t length =
        reply.headers.count("content-length") ? std::stoul(reply.headers["content-length"]) : 0;
    while (buffer_.size() < length) {
        std::size_t n = socket_->read_some(asio::buffer(chunk), ec);
        if (ec) {
            socket_.reset();
            throw std::runtime_error("connection closed inside a reply body");
        }
        buffer_.append(chunk.data(), n);
    }
    reply.body = buffer_.substr(0, length);
    buffer_.erase(0, length);
    if (to_lower(reply.header("connection")) == "close") {
        socket_.reset();
    }
    return reply;
}

}  // namespace lemu::test
