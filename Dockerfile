# Debian-based images: ICU4N needs .NET's globalization (no invariant mode), so no Alpine or chiseled image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/SearchService.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /srv
COPY --from=build /app /app
COPY seeds /srv/seeds
ENV ASPNETCORE_URLS=http://+:8080 \
    Index__Path=/srv/index \
    Corpus__Paths__0=/srv/seeds
VOLUME /srv/index
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/SearchService.Api.dll"]
