# sam build (BuildMethod: makefile), shared by every function's Makefile, which sets MODULE: the Maven reactor
# builds that module and what it needs, then the shaded jar goes to lib/ of SAM's artifacts directory (Lambda's
# Java runtime puts lib/*.jar on the class path). It runs in the source tree (samconfig.toml: build_in_source),
# where the reactor and infra/mvnw are; anything failing stops the build with make's error.
ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

build-%:
	@test -x "$(ROOT)/infra/mvnw" || { echo "error: no $(ROOT)/infra/mvnw: run sam build from the project root with --build-in-source (samconfig.toml sets it)" >&2; exit 1; }
	cd "$(ROOT)" && infra/mvnw -B -q -ntp -pl functions/$(MODULE) -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp "$(ROOT)/functions/$(MODULE)/target/$(MODULE).jar" "$(ARTIFACTS_DIR)/lib/"
