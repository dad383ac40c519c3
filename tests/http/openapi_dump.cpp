// Writes the OpenAPI document of the REST API (default options) to the file named by the
// first argument, or to stdout; used by the ctest that validates it with an npm validator.
#include <cstdio>
#include <fstream>
#include <iostream>

#include "http/api.hpp"
#include "http/openapi.hpp"

int main(int argc, char** argv) {
  std::string document = kulanz::http::openapi_json(kulanz::http::ApiOptions{});
  if (argc < 2) {
    std::cout << document << '\n';
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary | std::ios::trunc);
  out << document << '\n';
  if (!out) {
    std::fprintf(stderr, "cannot write %s\n", argv[1]);
    return 1;
  }
  return 0;
}
