// bookdav: command-line entry point (serve, user, load, import, export).
#include <iostream>

int main() {
  std::cerr << "bookdav: not wired yet\n";
  return 1;
}
