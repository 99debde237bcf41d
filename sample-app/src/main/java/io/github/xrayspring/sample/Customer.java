package io.github.xrayspring.sample;

/**
 * A customer of the shop.
 *
 * @param id the ID
 * @param name the name
 * @param email the email address
 * @param tier the loyalty tier
 * @author xray-spring-boot-starter team
 */
public record Customer(long id, String name, String email, Tier tier) {

	/**
	 * Loyalty tiers.
	 */
	public enum Tier {

		/**
		 * Entry tier.
		 */
		BRONZE,

		/**
		 * Middle tier.
		 */
		SILVER,

		/**
		 * Top tier.
		 */
		GOLD

	}

}
