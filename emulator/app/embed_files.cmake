# Writes a C++ source that holds the given text files, so `lemu up` can start the quickstart from any
# directory. Invoked at build time: cmake -DROOT=dir -DOUT=file.cpp -DFILES=a,b -P embed_files.cmake
set(content "// Generated from ${ROOT} by embed_files.cmake. Do not edit.\n#include \"emulator/app/quickstart.hpp\"\n\nnamespace lemu {\n\nconst std::vector<EmbeddedFile>& quickstart_files() {\n    static const std::vector<EmbeddedFile> files{\n")
string(REPLACE "," ";" FILES "${FILES}")
foreach(file ${FILES})
  file(READ "${ROOT}/${file}" text)
  string(APPEND content "        {\"${file}\", R\"lemu(${text})lemu\"},\n")
endforeach()
string(APPEND content "    };\n    return files;\n}\n\n}  // namespace lemu\n")
file(WRITE "${OUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
