/** The admin plane: the admin token (and, with the caches issue, the REST API and portal). */
package io.larder.server.admin;
