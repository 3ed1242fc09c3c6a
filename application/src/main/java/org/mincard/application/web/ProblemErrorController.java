package org.mincard.application.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

/**
 * Replaces Spring Boot's {@code /error} page, which answers its own JSON shape and repeats the request path. Any
 * failure that reaches the servlet container's error dispatch (a filter's exception, {@code sendError}) is answered
 * as a bare problem+json with the status only; nothing of the request is echoed.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        if (status.is5xxServerError()) {
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            return ApiProblems.internalError(failure instanceof Throwable t ? t : null);
        }
        return ApiProblems.problem(status, status.value() == 400 ? ApiProblems.MALFORMED
                        : URI.create("about:blank"), status.getReasonPhrase(),
                "The request was refused: " + status.getReasonPhrase() + ".", Map.of());
    }
}
