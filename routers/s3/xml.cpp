#include "routers/s3/xml.hpp"

#include <charconv>
#include <cstdint>

namespace lemu::routers::s3 {
namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    std::optional<XmlNode> document() {
        if (!skip_prolog()) {
            return std::nullopt;
        }
        XmlNode root;
        if (!element(root, 0)) {
            return std::nullopt;
        }
        if (!skip_misc() || pos_ != s_.size()) {
            return std::nullopt;
        }
        return root;
    }

private:
    static constexpr int kMaxDepth = 64;

    bool at(std::string_view token) const { return s_.substr(pos_).starts_with(token); }
    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\r' || s_[pos_] == '\n')) {
            ++pos_;
        }
    }
    bool skip_until(std::string_view end) {
        std::size_t found = s_.find(end, pos_);
        if (found == std::string_view::npos) {
            return false;
        }
        pos_ = found + end.size();
        return true;
    }
    // Whitespace, comments and processing instructions.
    bool skip_misc() {
        while (true) {
            skip_space();
            if (at("<!--")) {
                if (!skip_until("-->")) {
                    return false;
                }
            } else if (at("<?")) {
                if (!skip_until("?>")) {
                    return false;
                }
            } else {
                return true;
            }
        }
    }
    bool skip_prolog() {
        if (at("\xEF\xBB\xBF")) {
            pos_ += 3;
        }
        if (!skip_misc()) {
            return false;
        }
        if (at("<!DOCTYPE")) {
            return false;  // no DTDs: nothing S3 accepts uses one
        }
        return true;
    }
    static bool name_char(char c) {
        return c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '/' && c != '>' && c != '=' && c != '<';
    }
    std::string_view name() {
        std::size_t start = pos_;
        while (pos_ < s_.size() && name_char(s_[pos_])) {
            ++pos_;
        }
        return s_.substr(start, pos_ - start);
    }
    static std::string local(std::string_view qualified) {
        std::size_t colon = qualified.find(':');
        return std::string(colon == std::string_view::npos ? qualified : qualified.substr(colon + 1));
    }
    bool attributes(bool& self_closing) {
        while (true) {
            skip_space();
            if (at("/>")) {
                pos_ += 2;
                self_closing = true;
                return true;
            }
            if (at(">")) {
                ++pos_;
                return true;
            }
            if (name().empty()) {
                return false;
            }
            skip_space();
            if (!at("=")) {
                return false;
            }
            ++pos_;
            skip_space();
            if (pos_ >= s_.size() || (s_[pos_] != '"' && s_[pos_] != '\'')) {
                return false;
            }
            char quote = s_[pos_++];
            std::size_t end = s_.find(quote, pos_);
            if (end == std::string_view::npos) {
                return false;
            }
            pos_ = end + 1;
        }
    }
    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    bool entity(std::string& out) {
        std::size_t end = s_.find(';', pos_);
        if (end == std::string_view::npos || end - pos_ > 12) {
            return false;
        }
        std::string_view ent = s_.substr(pos_ + 1, end - pos_ - 1);
        pos_ = end + 1;
        if (ent == "lt") {
            out += '<';
        } else if (ent == "gt") {
            out += '>';
        } else if (ent == "amp") {
            out += '&';
        } else if (ent == "quot") {
            out += '"';
        } else if (ent == "apos") {
            out += '\'';
        } else if (ent.starts_with('#')) {
            int base = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X') ? 16 : 10;
            std::string_view digits = ent.substr(base == 16 ? 2 : 1);
            std::uint32_t cp = 0;
            auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, base);
            if (digits.empty() || ec != std::errc{} || p != digits.data() + digits.size() || cp > 0x10FFFF) {
                return false;
            }
            append_utf8(out, cp);
        } else {
            return false;
        }
        return true;
    }
    bool element(XmlNode& node, int depth) {
        if (depth > kMaxDepth || !at("<")) {
            return false;
        }
        ++pos_;
        std::string_view qualified = name();
        if (qualified.empty()) {
            return false;
        }
        node.name = local(qualified);
        bool self_closing = false;
        if (!attributes(self_closing)) {
            return false;
        }
        if (self_closing) {
            return true;
        }
        while (pos_ < s_.size()) {
            if (at("</")) {
                pos_ += 2;
                if (name() != qualified) {
                    return false;
                }
                skip_space();
                if (!at(">")) {
                    return false;
                }
                ++pos_;
                return true;
            }
            if (at("<!--")) {
                if (!skip_until("-->")) {
                    return false;
                }
            } else if (at("<![CDATA[")) {
                std::size_t start = pos_ + 9;
                if (!skip_until("]]>")) {
                    return false;
                }
                node.text += s_.substr(start, pos_ - 3 - start);
            } else if (at("<?")) {
                if (!skip_until("?>")) {
                    return false;
                }
            } else if (at("<")) {
                XmlNode child;
                if (!element(child, depth + 1)) {
                    return false;
                }
                node.children.push_back(std::move(child));
            } else if (at("&")) {
                if (!entity(node.text)) {
                    return false;
                }
            } else {
                node.text += s_[pos_++];
            }
        }
        return false;
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

}  // namespace

const XmlNode* XmlNode::child(std::string_view wanted) const {
    for (const auto& c : children) {
        if (c.name == wanted) {
            return &c;
        }
    }
    return nullptr;
}

std::vector<const XmlNode*> XmlNode::children_named(std::string_view wanted) const {
    std::vector<const XmlNode*> out;
    for (const auto& c : children) {
        if (c.name == wanted) {
            out.push_back(&c);
        }
    }
    return out;
}

std::optional<XmlNode> parse_xml(std::string_view text) { return Parser(text).document(); }

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&apos;";
                break;
            case '\r':
                out += "&#13;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

XmlWriter::XmlWriter(std::string_view root, std::string_view xmlns) : root_(root) {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<";
    out_ += root;
    if (!xmlns.empty()) {
        out_ += " xmlns=\"";
        out_ += xmlns;
        out_ += '"';
    }
    out_ += '>';
}

XmlWriter& XmlWriter::open(std::string_view name) {
    out_ += '<';
    out_ += name;
    out_ += '>';
    return *this;
}

XmlWriter& XmlWriter::close(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += '>';
    return *this;
}

XmlWriter& XmlWriter::leaf(std::string_view name, std::string_view text) {
    open(name);
    out_ += xml_escape(text);
    return close(name);
}

std::string XmlWriter::finish() {
    close(root_);
    return std::move(out_);
}

}  // namespace lemu::routers::s3
