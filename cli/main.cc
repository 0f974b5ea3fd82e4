#include "cli/app.h"

int main(int argc, char** argv) { return luutru::cli::Main(argc, argv); }
