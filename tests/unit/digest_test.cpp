#include <catch2/catch.hpp>

#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"

using namespace lemu;

TEST_CASE("sha256 matches the FIPS 180-2 vectors", "[unit][digest]") {
    CHECK(hex_encode(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex_encode(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex_encode(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 is the same whether fed at once or in pieces", "[unit][digest]") {
    std::string data(1000, 'x');
    for (std::size_t i = 0; i < data.size(); ++i) {
        data[i] = static_cast<char>(i * 7);
    }
    Sha256 pieces;
    for (std::size_t i = 0; i < data.size(); i += 37) {
        pieces.update(std::string_view(data).substr(i, 37));
    }
    CHECK(pieces.digest() == sha256(data));
}

TEST_CASE("md5 matches the RFC 1321 vectors", "[unit][digest]") {
    CHECK(hex_encode(md5("")) == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hex_encode(md5("abc")) == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex_encode(md5("12345678901234567890123456789012345678901234567890123456789012345678901234567890")) ==
          "57edf4a22be3c955ac49da2e2107b67a");
}
