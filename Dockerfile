# stancegraph in a container. (Not built here: this machine has no Docker engine.)
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -o /stancegraph ./cmd/stancegraph

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /stancegraph /stancegraph
EXPOSE 8080
VOLUME ["/var/lib/stancegraph"]
ENV STANCEGRAPH_JOURNAL=/var/lib/stancegraph/stancegraph.journal \
    STANCEGRAPH_KEYS=/var/lib/stancegraph/keys.json
ENTRYPOINT ["/stancegraph"]
CMD ["serve", "-addr", ":8080"]
