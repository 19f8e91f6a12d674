package io.larder.examples.sessiondemo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Spring Security as applications use it, in the tests' processes: form login, the signed-in user
 * kept in the session. Only {@code /test/secure/**} needs it; the demo stays open.
 */
@Configuration
class E2eSecurity {
  @Bean
  SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests.requestMatchers("/test/secure/**").authenticated().anyRequest().permitAll())
        .formLogin(login -> login.defaultSuccessUrl("/test/secure/whoami", true))
        .csrf(csrf -> csrf.ignoringRequestMatchers("/login", "/cart/**"));
    return http.build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}wonderland").roles("USER").build());
  }
}
