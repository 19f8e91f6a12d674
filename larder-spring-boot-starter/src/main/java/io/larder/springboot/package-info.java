/**
 * Spring Boot auto-configuration for Larder sessions: add {@code
 * io.larder:larder-spring-boot-starter}, set {@code larder.url}, and {@code HttpSession} is kept in
 * the Larder cache and shared by every instance of the application. Settings are {@code larder.*}
 * properties ({@link io.larder.springboot.LarderProperties}); the auto-configuration is {@link
 * io.larder.springboot.LarderSessionAutoConfiguration}.
 */
package io.larder.springboot;
