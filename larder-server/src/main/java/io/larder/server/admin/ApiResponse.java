package io.larder.server.admin;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer of the API.
 *
 * @param body the JSON body, or null for none (204)
 * @param location the Location header, or null
 */
record ApiResponse(int status, JsonNode body, String location) {
  static ApiResponse ok(JsonNode body) {
    return new ApiResponse(200, body, null);
  }

  static ApiResponse created(JsonNode body, String location) {
    return new ApiResponse(201, body, location);
  }

  static ApiResponse noContent() {
    return new ApiResponse(204, null, null);
  }
}
